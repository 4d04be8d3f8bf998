import Foundation
import RapatCore
import RapatSQLite
@testable import RapatService
import RapatStore
import Testing

/// XML minutes carry their signed seal; another archive accepts them only with the approving office's key registered.
@Suite struct SealedXMLTests {
    static func approvedXML(signer: SealSigner) async throws -> (xml: [UInt8], id: MeetingID) {
        let plain = try await TextRulesTests.services()
        let s = Services(store: plain.store, principal: .console, language: .en, signer: signer)
        _ = try await s.administration.registerSigningKey(pem: signer.publicKeyPEM, office: "Setda Banten")
        let m = try await s.planning.plan(TextRulesTests.plan())[0]
        _ = try await s.room.start(m.id, at: "2020-12-16 09:00", reason: nil)
        _ = try await s.minutes.decide(m.id, item: nil, text: "OPD di bawah target menyusun rencana percepatan.")
        _ = try await s.room.end(m.id, at: "2020-12-16 09:50")
        _ = try await s.minutes.approve(m.id, by: try PersonID(TextRulesTests.governor), at: "2020-12-17 10:00")
        return (try await s.documents.xml(m.id), m.id)
    }

    static func elsewhere() async throws -> Services {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return Services(store: try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path), principal: .console, language: .en)
    }

    @Test func signedMinutesImportOnlyWhereTheKeyIsRegistered() async throws {
        let signer = SealSigner()
        let (xml, id) = try await Self.approvedXML(signer: signer)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("sealFormat=\"2\"") && text.contains("key=\"\(signer.keyID)\""))
        let b = try await Self.elsewhere()
        await #expect(throws: StoreError.unverifiedSeal(id, version: 1, .unknownKey(signer.keyID))) {
            try await b.documents.importXML([("m.xml", xml)])
        }
        #expect(Catalogue.text(StoreError.unverifiedSeal(id, version: 1, .unknownKey(signer.keyID)), .id).contains("tidak terdaftar"))
        _ = try await b.administration.registerSigningKey(pem: signer.publicKeyPEM, office: "Setda Banten")
        #expect(try await b.documents.importXML([("m.xml", xml)]) == [id])
        #expect(try await b.administration.verify(from: nil, to: nil) == [])
    }

    @Test func alteredOrUnsignedMinutesAreRefused() async throws {
        let signer = SealSigner()
        let (xml, _) = try await Self.approvedXML(signer: signer)
        let text = String(decoding: xml, as: UTF8.self)
        let b = try await Self.elsewhere()
        _ = try await b.administration.registerSigningKey(pem: signer.publicKeyPEM, office: "Setda Banten")
        let altered = text.replacingOccurrences(of: "menyusun rencana percepatan", with: "tidak perlu berbuat apa-apa")
        await #expect { try await b.documents.importXML([("m.xml", Array(altered.utf8))]) } throws: { "\($0)".contains("digest does not match") }
        let unsigned = text.replacingOccurrences(of: #" key="[0-9a-f]{16}" signature="[^"]*""#, with: "", options: .regularExpression)
        #expect(unsigned != text)
        await #expect { try await b.documents.importXML([("m.xml", Array(unsigned.utf8))]) } throws: { "\($0)".contains("carries no signature") }
        #expect(try await b.store.meetings(MeetingFilter()).isEmpty)
    }
}
