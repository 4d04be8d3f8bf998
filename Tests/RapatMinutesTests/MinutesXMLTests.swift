import Foundation
import RapatCore
@testable import RapatMinutes
import Testing

@Suite struct MinutesXMLTests {
    static let governor = try! PersonID("197002051995021001")
    static let kadinkes = try! PersonID("197108021999062011")
    static let kabpkad = try! PersonID("196501101988111008")
    static let people: [PersonID: Person] = [
        governor: try! Person(id: governor, name: "Gubernur Banten", jabatan: "Gubernur", opd: "Setda", email: "gubernur@bantenprov.go.id"),
        kadinkes: try! Person(id: kadinkes, name: "dr. Ratna Dewi", jabatan: "Kepala Dinas Kesehatan", opd: "Dinkes"),
        kabpkad: try! Person(id: kabpkad, name: "Dr. Rudi Hartono", jabatan: "Kepala BPKAD", opd: "BPKAD"),
    ]

    static func at(_ s: String) -> Date { try! TimeInput.parse(s, zone: Zone.jakarta) }

    static func meeting() throws -> Meeting {
        var m = try Meeting(id: MeetingID(year: 2020, serial: 12), title: "Rapat Pimpinan “Desember” & evaluasi <anggaran>", chair: governor,
                            participants: [kadinkes, kabpkad], start: at("2020-12-16 09:00"), end: at("2020-12-16 11:00"),
                            virtualLink: "https://vicon.bantenprov.go.id/rapim?a=1&b=2",
                            agenda: [try AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: kabpkad, boxMinutes: 60),
                                     try AgendaItem(key: 2, title: "Penanganan COVID-19", presenter: "Kepala Dinkes", boxMinutes: 30)])
        try m.checkIn(governor, as: .hadir, at: at("2020-12-16 08:55"))
        try m.start(at: at("2020-12-16 09:07"), reason: "Gubernur tiba dari Jakarta", policy: .standard)
        try m.checkIn(kadinkes, as: .diwakili, at: at("2020-12-16 09:12"), representative: "Sekretaris Dinkes")
        try m.nextItem(at: at("2020-12-16 09:08"))
        try m.addNote(item: 1, text: "Per 30 November dari target 88 persen, penyerapan anggaran 71 persen lebih.", speaker: "Kepala BPKAD")
        try m.nextItem(at: at("2020-12-16 10:15"))
        try m.endMeeting(at: at("2020-12-16 10:40"))
        try m.addDecision(item: 1, text: "OPD di bawah target menyusun rencana percepatan penyerapan anggaran.")
        try m.addAction(item: 1, text: "Rekap penyerapan per OPD", owner: .opd("BPKAD"), due: CivilDate("2020-12-23"))
        try m.addAction(item: 2, text: "Data vaksinasi", owner: .person(kadinkes), due: nil)
        try m.recordIndicator(Indicator(opd: "BPKAD", name: "penyerapan-anggaran", target: 88, actual: 71.3, unit: "%", asOf: CivilDate("2020-11-30")))
        try m.approveMinutes(by: governor, at: at("2020-12-17 10:00"))
        return m
    }

    @Test func writtenMinutesValidateAndReadBackIdentically() throws {
        let schema = try MinutesXML.schema()
        let m = try Self.meeting()
        let signer = SealSigner()
        let record = try MinutesRecord(m, people: Self.people, previousDigest: nil)
        let seal = XMLSeal(digest: record.digest, format: record.format, previousDigest: nil, signature: signer.sign(record.canonical()))
        let bytes = try MinutesXML(people: Self.people).write(m, seal: seal, schema: schema)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<minutes xmlns=\"urn:rapat:minutes:1\" id=\"RP-2020-0012\""))
        #expect(text.contains("&lt;anggaran&gt;") && text.contains("a=1&amp;b=2"))
        let read = try MinutesXML.read(bytes, schema: schema)
        #expect(read.meeting == m)
        // The file carries everything the seal covers: the record rebuilt from it has the same digest, and the signature holds.
        let readRecord = try MinutesRecord(read.meeting, people: read.people.byID, previousDigest: read.seal?.previousDigest)
        #expect(read.seal == seal && readRecord.digest == record.digest)
        let key = try SigningKey(publicKeyPEM: signer.publicKeyPEM, office: "Setda", registeredAt: Date())
        #expect(key.verifies(try #require(read.seal?.signature), over: readRecord.canonical()))
        let again = try MinutesXML(people: read.people.byID).write(read.meeting, seal: read.seal, schema: schema)
        #expect(again == bytes)
    }

    @Test func aLineBreakHiddenInAnAttributeIsRefusedOnImport() throws {
        let schema = try MinutesXML.schema()
        let m = try Self.meeting()
        let text = String(decoding: try MinutesXML(people: Self.people).write(m, seal: XMLSeal(digest: try MinutesRecord(format1: m).digest, format: nil, previousDigest: nil, signature: nil), schema: schema), as: UTF8.self)
        let email = try #require(Self.people.values.compactMap(\.email).first { text.contains("email=\"\($0)\"") })
        let hostile = text.replacingOccurrences(of: "email=\"\(email)\"", with: "email=\"\(email)&#13;&#10;ATTENDEE;ROLE=CHAIR:mailto:palsu@evil.example\"")
        #expect(hostile != text)
        #expect(throws: (any Error).self) { try MinutesXML.read(Array(hostile.utf8), schema: schema) }
    }

    @Test func xpathFindsDecisionsAndAttendance() throws {
        let bytes = try MinutesXML(people: Self.people).write(try Self.meeting(), seal: nil, schema: try MinutesXML.schema())
        let doc = try SafeXMLDocument(bytes)
        let ns = ["r": MinutesXML.namespace]
        #expect(try doc.xpath("//r:decision[contains(., 'anggaran')]", namespaces: ns) == ["OPD di bawah target menyusun rencana percepatan penyerapan anggaran."])
        #expect(try doc.xpath("//r:participant[@attendance='diwakili']/@name", namespaces: ns) == ["dr. Ratna Dewi"])
        #expect(try doc.xpath("count(//r:item[@overrunMinutes > 0])", namespaces: ns) == ["1"])
        #expect(throws: XMLError.self) { try doc.xpath("//r:decision[", namespaces: ns) }
    }

    @Test func aDocumentThatBreaksTheSchemaNamesTheElementAndLine() throws {
        let bytes = try MinutesXML(people: Self.people).serialize(try Self.meeting(), seal: nil)
        let broken = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "lateMinutes=\"5\"", with: "lateMinutes=\"lima\"")
        #expect { try SafeXMLDocument(Array(broken.utf8)).validate(against: try MinutesXML.schema()) } throws: { error in
            guard case let XMLError.invalid(issues) = error else { return false }
            return issues.first?.element == "participant" && issues.first!.line > 1 && "\(error)".contains("lima")
        }
    }

    static let hostile: [(String, String)] = [
        ("xxe", "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><minutes xmlns=\"urn:rapat:minutes:1\">&x;</minutes>"),
        ("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><minutes>&lol3;</minutes>"),
        ("external dtd", "<?xml version=\"1.0\"?><!DOCTYPE minutes SYSTEM \"http://127.0.0.1:9/minutes.dtd\"><minutes/>"),
        ("lower-case doctype", "<?xml version=\"1.0\"?><!doctype minutes SYSTEM \"file:///etc/passwd\"><minutes/>"),
        ("doctype after a comment", "<?xml version=\"1.0\"?><!-- a --><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>"),
    ]

    /// `<!DOCTYPE` written inside CDATA, a comment or a processing instruction is text, not a declaration.
    @Test func aDoctypeInsideCDATAOrACommentIsJustText() throws {
        let xml = """
            <?xml version="1.0"?><!-- <!DOCTYPE in a comment --><?note <!DOCTYPE in a PI ?>
            <m><t><![CDATA[contoh: <!DOCTYPE html> dan <!ENTITY x "y">]]></t><u a="<!DOCTYPE" /></m>
            """.replacingOccurrences(of: "a=\"<!DOCTYPE\"", with: "a=\"&lt;!DOCTYPE\"")
        let doc = try SafeXMLDocument(Array(xml.utf8))
        #expect(doc.root?.child("t")?.text == "contoh: <!DOCTYPE html> dan <!ENTITY x \"y\">")
    }

    /// libxml2 compares an element's attributes pairwise: past the limit the element is refused before it parses.
    @Test func anElementWithThousandsOfAttributesIsRefused() throws {
        let many = (0..<100_000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let xml = "<?xml version=\"1.0\"?>\n<m>\n<x \(many)/></m>"
        #expect(throws: XMLError.tooManyAttributes(line: 3, limit: SafeXMLDocument.maxAttributes)) { try SafeXMLDocument(Array(xml.utf8)) }
        // A '>' or '=' inside a quoted value does not end or count: 200 attributes with both still parse.
        let fine = (0..<200).map { "a\($0)=\"x=y>z\"" }.joined(separator: " ")
        #expect(try SafeXMLDocument(Array("<m \(fine)/>".utf8)).root?.attribute("a199") == "x=y>z")
        // UTF-16 could hide a declaration from the scan: refused.
        #expect(throws: XMLError.doctype) { try SafeXMLDocument([0xFF, 0xFE, 0x3C, 0x00, 0x6D, 0x00, 0x2F, 0x00, 0x3E, 0x00]) }
    }

    @Test(arguments: hostile)
    func hostileDocumentsAreRefusedBeforeAnythingIsRead(_ name: String, _ xml: String) {
        #expect(throws: XMLError.doctype, "\(name)") { try SafeXMLDocument(Array(xml.utf8)) }
    }

    @Test func hugeDeepAndBrokenDocumentsAreRefused() {
        var huge = Array("<minutes xmlns=\"urn:rapat:minutes:1\"><t>".utf8)
        huge += [UInt8](repeating: 0x61, count: 100 << 20)
        huge += Array("</t></minutes>".utf8)
        #expect(throws: XMLError.tooLarge(bytes: huge.count, limit: SafeXMLDocument.maxBytes)) { try SafeXMLDocument(huge) }
        let deep = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(throws: XMLError.tooDeep(limit: 32)) { try SafeXMLDocument(Array(deep.utf8)) }
        let badUTF8: [UInt8] = Array("<minutes>".utf8) + [0xC3, 0x28] + Array("</minutes>".utf8)
        #expect { try SafeXMLDocument(badUTF8) } throws: { error in
            guard case XMLError.malformed = error else { return false }
            return "\(error)".contains("UTF-8") || "\(error)".contains("line")
        }
        #expect { try SafeXMLDocument(Array("<minutes><a></minutes>".utf8)) } throws: { "\($0)".contains("line 1") }
    }
}

@Suite struct AkomaNtosoTests {
    @Test func theDebateValidatesAgainstTheOfficialSchema() throws {
        let m = try MinutesXMLTests.meeting()
        let bytes = try AkomaNtoso(people: MinutesXMLTests.people, authority: "pemprov-banten").write(m, schema: try AkomaNtoso.schema())
        let doc = try SafeXMLDocument(bytes)
        let ns = ["a": AkomaNtoso.namespace]
        #expect(try doc.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces: ns) == ["/akn/id/debate/pemprov-banten/2020-12-16/RP-2020-0012"])
        #expect(try doc.xpath("count(//a:debateSection)", namespaces: ns) == ["2"])
        #expect(try doc.xpath("//a:TLCPerson/@showAs", namespaces: ns).contains("dr. Ratna Dewi"))
        #expect(try doc.xpath("//a:speech/a:p", namespaces: ns) == ["Per 30 November dari target 88 persen, penyerapan anggaran 71 persen lebih."])
    }

    @Test func anInvalidDebateIsRefusedNamingTheElement() throws {
        let schema = try AkomaNtoso.schema()
        let bad = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><debate name=\"x\"><debateBody/></debate></akomaNtoso>"
        #expect { try SafeXMLDocument(Array(bad.utf8)).validate(against: schema) } throws: { error in
            guard case let XMLError.invalid(issues) = error else { return false }
            return issues.first?.line == 1 && issues.first?.element != nil
        }
    }
}

@Suite struct DocumentRendererTests {
    let renderer = DocumentRenderer(people: MinutesXMLTests.people, letterhead: "Pemerintah Provinsi Banten")

    @Test(arguments: DocumentRenderer.Format.allCases)
    func theNotulaShowsIndonesianDatesAndAttendance(_ format: DocumentRenderer.Format) throws {
        let m = try MinutesXMLTests.meeting()
        let text = try renderer.render(m, template: try DocumentRenderer.builtIn(.notula, format), source: "notula", digest: String(repeating: "a", count: 64))
        #expect(text.contains("Rabu, 16 Desember 2020"))
        #expect(text.contains("pukul 09.00 – 11.00 WIB"))
        #expect(text.contains("pukul 09.07 – 10.40 WIB (terlambat 7 menit)"))
        #expect(text.contains("diwakili, terlambat 5 menit; oleh Sekretaris Dinkes"))
        #expect(text.contains("tanpa keterangan"))
        #expect(text.contains("lebih 7 menit"))
        #expect(text.contains("Rabu, 23 Desember 2020"))
        #expect(text.contains("Kamis, 17 Desember 2020 10.00 WIB"))
        if format == .html {
            #expect(text.contains("&lt;anggaran&gt;") && text.contains("size: A4"))
        } else {
            #expect(text.contains("“Desember” & evaluasi <anggaran>"))
        }
    }

    @Test func englishOnRequestAndTheInvitation() throws {
        let m = try MinutesXMLTests.meeting()
        let english = DocumentRenderer(people: MinutesXMLTests.people, language: .en, letterhead: "Banten Province")
        #expect(try english.render(m, template: try DocumentRenderer.builtIn(.notula, .txt), source: "n").contains("Wednesday, 16 December 2020"))
        let invitation = try renderer.render(m, template: try DocumentRenderer.builtIn(.undangan, .md), source: "u")
        #expect(invitation.contains("Undangan Rapat") && invitation.contains("Evaluasi penyerapan anggaran") && invitation.contains("tepat waktu"))
    }

    /// The Tata Naskah Dinas documents: kop, nomor, hal, addressees (inline or as a lampiran), the signature block
    /// with NIP, tembusan; hostile text stays text.
    @Test func officialDocumentsCarryKopNumberAndSignature() throws {
        var m = try MinutesXMLTests.meeting()
        var r = renderer
        r.kop = Letterhead(instansi: "Pemerintah Provinsi Banten", unit: "Sekretariat Daerah", address: "Jl. Syech Nawawi Al Bantani, Serang", city: "Serang",
                           logo: "data:image/png;base64,iVBORw0KGgo=")
        r.letter = .init(number: "005/0123-Biro Umum/2020", date: Date(timeIntervalSince1970: 1_607_565_600), copiesTo: ["Gubernur Banten <script>"],
                         verification: "https://rapat.example.go.id/rapat/RP-2020-0001/notula")
        let undangan = try r.render(m, template: try DocumentRenderer.builtIn(.undangan, .html), source: "u")
        for part in ["Pemerintah Provinsi Banten", "Sekretariat Daerah", "<img src=\"data:image/png;base64,iVBORw0KGgo=\"", "005/0123-Biro Umum/2020",
                     "Serang, 10 Desember 2020", "Undangan Rapat Pimpinan “Desember” &amp; evaluasi &lt;anggaran&gt;", "Rabu, 16 Desember 2020", "09.00 – 11.00 WIB",
                     "Evaluasi penyerapan anggaran", "NIP 197002051995021001", "Gubernur Banten &lt;script&gt;", "<style>", "size: A4"] {
            #expect(undangan.contains(part), "undangan holds \(part)")
        }
        #expect(!undangan.contains("daftar terlampir") && !undangan.contains("class=\"lampiran\""))
        // Many addressees: "daftar terlampir", the list as a lampiran.
        m.participants += (0..<DocumentRenderer.addresseesInline).map { try! PersonID(String(198_001_012_005_011_001 + $0)) }
        let long = try r.render(m, template: try DocumentRenderer.builtIn(.undangan, .html), source: "u")
        #expect(long.contains("(daftar terlampir)") && long.contains("class=\"lampiran\"") && long.contains("1 (satu) berkas"))
        r.stylesheetLink = "<link rel=\"stylesheet\" href=\"/static/dokumen.css\">"
        let hadir = try r.render(m, template: try DocumentRenderer.builtIn(.daftarHadir, .html), source: "h")
        #expect(hadir.contains("Daftar Hadir") && hadir.contains("/static/dokumen.css") && !hadir.contains("<style>") && hadir.contains("197002051995021001"))
        let notula = try r.render(m, template: try DocumentRenderer.builtIn(.notula, .html), source: "n", digest: String(repeating: "b", count: 64))
        #expect(notula.contains("Rapat ditutup pukul 10.40 WIB") && notula.contains(String(repeating: "b", count: 64))
                && notula.contains("https://rapat.example.go.id/rapat/RP-2020-0001/notula"))
    }

    @Test func anInvalidTemplateNamesItsLine() throws {
        let template = "Notula {{judul}}\n{{#acara}}\n{{judul}}\n{{/keputusan}}\n"
        #expect(throws: RenderError.self) { try renderer.render(try MinutesXMLTests.meeting(), template: template, source: "mine.mustache") }
        #expect { try renderer.render(try MinutesXMLTests.meeting(), template: template, source: "mine.mustache") } throws: {
            "\($0)".contains("mine.mustache is invalid at line 4")
        }
    }
}

/// Minutes that name guests (people without a NIP, #17): valid in both schemas, read back the same, and the
/// official documents show no NIP for them.
@Suite struct GuestMinutesTests {
    static let guest = PersonID.guest(email: "ahmad.fauzi@dprd.example.go.id")
    static let people = MinutesXMLTests.people.merging([
        guest: try! Person(id: guest, name: "H. Ahmad Fauzi", jabatan: "", opd: Person.guestOPD, email: "ahmad.fauzi@dprd.example.go.id"),
    ]) { a, _ in a }

    static func meeting() throws -> Meeting {
        var m = try Meeting(id: MeetingID(year: 2020, serial: 30), title: "Kunjungan kerja Komisi V", chair: guest,
                            participants: [MinutesXMLTests.kadinkes], start: MinutesXMLTests.at("2020-12-16 13:00"), end: MinutesXMLTests.at("2020-12-16 14:00"),
                            agenda: [try AgendaItem(key: 1, title: "Aspirasi", presenterNIP: guest, boxMinutes: 30)])
        try m.checkIn(guest, as: .hadir, at: MinutesXMLTests.at("2020-12-16 12:58"))
        try m.start(at: MinutesXMLTests.at("2020-12-16 13:00"), reason: nil, policy: .standard)
        try m.nextItem(at: MinutesXMLTests.at("2020-12-16 13:00"))
        try m.addNote(item: 1, text: "Komisi V menyampaikan aspirasi warga.")
        try m.addAction(item: 1, text: "Tanggapan tertulis", owner: .person(guest), due: nil)
        try m.endMeeting(at: MinutesXMLTests.at("2020-12-16 13:50"))
        try m.approveMinutes(by: guest, at: MinutesXMLTests.at("2020-12-16 15:00"))
        return m
    }

    @Test func minutesNamingAGuestValidateAndReadBack() throws {
        let schema = try MinutesXML.schema()
        let m = try Self.meeting()
        let record = try MinutesRecord(m, people: Self.people, previousDigest: nil)
        let signer = SealSigner()
        let seal = XMLSeal(digest: record.digest, format: record.format, previousDigest: nil, signature: signer.sign(record.canonical()))
        let bytes = try MinutesXML(people: Self.people).write(m, seal: seal, schema: schema)
        #expect(String(decoding: bytes, as: UTF8.self).contains("nip=\"\(Self.guest.key)\""))
        let read = try MinutesXML.read(bytes, schema: schema)
        #expect(read.meeting == m && read.people.byID[Self.guest]?.isGuest == true)
        let readRecord = try MinutesRecord(read.meeting, people: read.people.byID, previousDigest: nil)
        #expect(readRecord.digest == record.digest)
        _ = try AkomaNtoso(people: Self.people).write(m, schema: try AkomaNtoso.schema())
    }

    @Test(arguments: DocumentRenderer.Format.allCases)
    func officialDocumentsShowNoNIPForAGuest(_ format: DocumentRenderer.Format) throws {
        let m = try Self.meeting()
        let renderer = DocumentRenderer(people: Self.people, letterhead: "Pemerintah Provinsi Banten")
        for document in DocumentRenderer.Document.allCases {
            guard let template = try? DocumentRenderer.builtIn(document, format) else { continue }
            let text = try renderer.render(m, template: template, source: document.rawValue)
            #expect(!text.contains(Self.guest.key), "\(document) \(format) shows the guest's key")
            #expect(text.contains("H. Ahmad Fauzi"))
            if document == .daftarHadir { #expect(text.contains("Tamu")) }
        }
    }
}
