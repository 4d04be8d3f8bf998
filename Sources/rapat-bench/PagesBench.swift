import ArgumentParser
import Foundation
import Hummingbird
import RapatCore
import RapatServer
import RapatService
import RapatStore

extension RapatBench {
    /// The web pages' server time: requests through the router in process (no network), on an archive of N meetings.
    struct Pages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pages", abstract: "Build an archive of N meetings, sign in, and time each page's server time (p50/p95) and size.")
        @Option(help: "Meetings in the archive.") var meetings = 100_000
        @Option(help: "Requests per page.") var repeats = 100
        @Option(help: "Time only the pages whose name contains this (e.g. arsip).") var only: String?
        @Option(help: "Keep the archive in this SQLite file and reuse it when it exists (for profiling runs).") var archive: String?

        func run() async throws {
            let reused = archive.map { FileManager.default.fileExists(atPath: $0) } ?? false
            let (store, cleanup) = try await RapatBench.openStore(archive.map { "sqlite:" + $0 }, name: "pages")
            defer { cleanup() }
            if reused {
                print("archive \(archive ?? "") reused")
            } else {
                try await build(store)
                _ = try await Services(store: store, principal: .console).accounts.add(username: "sekretariat", role: .secretariat, person: nil, password: Self.password)
            }
            try await measure(store)
            print(String(format: "peak memory %.0f MiB", RapatBench.peakMiB()))
        }

        static let password = "bench-password-123"

        func build(_ store: any MeetingStore) async throws {
            let people = try RapatBench.meetings(0..<1).1
            // A province's registry: the meetings' people and 500 more in 40 OPDs (the planning form and filters list them).
            let registry = try (0..<500).map { (i: Int) throws -> Person in
                let nip = try PersonID(String(format: "198001012005011%03d", i))
                return try Person(id: nip, name: "Pegawai \(i + 1)", jabatan: i % 40 == 0 ? "Kepala" : "Analis", opd: "OPD \(i % 40 + 1)")
            }
            try await store.importBundle(ArchiveBundle(people: Array(people.values) + registry, series: [], meetings: []))
            var built = 0
            let build = try await RapatBench.seconds {
                while built < meetings {
                    let chunk = min(20_000, meetings - built)
                    var files: [ArchiveBundle.MeetingFile] = []
                    for var m in try RapatBench.meetings(built..<built + chunk).0 {
                        if m.start < Date() {
                            m.status = .ended
                            m.minutes.notes = [DiscussionNote(itemKey: 1, text: "Realisasi penyerapan anggaran OPD dibahas; kendala pengadaan dicatat.")]
                            m.minutes.decisions = [Decision(number: 1, itemKey: 1, text: "Percepatan penyerapan anggaran dilaporkan pada rapat berikutnya.")]
                        }
                        files.append(ArchiveBundle.MeetingFile(meeting: m, versions: []))
                    }
                    try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: files))
                    built += chunk
                }
            }
            print(String(format: "archive of %d meetings built in %.1f s", built, build))
        }

        func measure(_ store: any MeetingStore) async throws {
            let password = Self.password
            let client = InProcessClient(router: RapatAPI(store: store).router())
            let detail = try await store.meetings(MeetingFilter(from: Date(), limit: 1)).first?.id.description ?? "RP-2020-0001"
            do {
                var cookie = ""
                func get(_ uri: String, form: String? = nil) async throws -> (HTTPResponse.Status, Int, HTTPFields) {
                    var headers: HTTPFields = [.acceptLanguage: "id"]
                    if !cookie.isEmpty { headers[.cookie] = cookie }
                    if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
                    return try await client.execute(uri: uri, method: form == nil ? .get : .post, headers: headers, body: form.map { ByteBuffer(string: $0) }) {
                        ($0.status, $0.body.readableBytes, $0.headers)
                    }
                }
                let signIn = try await client.execute(uri: "/masuk", method: .get) { ($0.headers[values: .setCookie], String(buffer: $0.body)) }
                let csrfCookie = signIn.0.first { $0.hasPrefix("rapat_csrf=") }.map { String($0.split(separator: ";")[0]) } ?? ""
                let token = signIn.1.range(of: "name=\"_csrf\" value=\"").map { String(signIn.1[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
                cookie = csrfCookie
                let signed = try await get("/masuk", form: "_csrf=\(token)&username=sekretariat&password=\(password)")
                cookie = signed.2[values: .setCookie].first { $0.hasPrefix("rapat_sesi=") }.map { String($0.split(separator: ";")[0]) } ?? ""
                print("page".padding(toLength: 36, withPad: " ", startingAt: 0) + "status   p50 ms   p95 ms   max KB")
                for (name, uri) in [("beranda /", "/"), ("rapat /rapat", "/rapat"), ("detail /rapat/\(detail)", "/rapat/\(detail)"),
                                    ("rapat baru /rapat/baru", "/rapat/baru"),
                                    ("arsip /arsip?q=penyerapan+anggaran", "/arsip?q=penyerapan+anggaran"), ("static /static/rapat.css", "/static/rapat.css")]
                    where only.map({ name.contains($0) }) ?? true {
                    var times: [Double] = []
                    var status = HTTPResponse.Status.ok, size = 0
                    for _ in 0..<repeats {
                        times.append(try await RapatBench.seconds {
                            let r = try await get(uri)
                            status = r.0
                            size = max(size, r.1)
                        } * 1000)
                    }
                    times.sort()
                    print(name.padding(toLength: 36, withPad: " ", startingAt: 0)
                          + String(format: "%6d  %7.2f  %7.2f  %7.1f", status.code, RapatBench.percentile(times, 50), RapatBench.percentile(times, 95), Double(size) / 1024))
                }
            }
        }
    }
}
