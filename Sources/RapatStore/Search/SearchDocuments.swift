import RapatCore

/// What of a meeting is searchable, as (section, reference, text): the same pieces in every backend.
public enum SearchDocuments {
    public static func of(_ m: Meeting) -> [(String, String?, String)] {
        var docs: [(String, String?, String)] = [("judul", nil, m.title)]
        let position = Dictionary(m.agenda.enumerated().map { ($1.key, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        for (i, item) in m.agenda.enumerated() { docs.append(("acara", String(i + 1), item.title)) }
        for note in m.minutes.notes { docs.append(("pembahasan", position[note.itemKey].map(String.init), note.text)) }
        for d in m.minutes.decisions { docs.append(("keputusan", String(d.number), d.text)) }
        for a in m.minutes.actions {
            let owner: String
            switch a.owner {
            case let .opd(name): owner = name
            case let .person(nip): owner = nip.key
            }
            docs.append(("tindak-lanjut", String(a.number), a.text + " — " + owner))
        }
        return docs
    }
}
