import Foundation
import Testing
@testable import RapatCore

@Suite struct IdentityTests {
    @Test(arguments: ["197002051995021001", "1970 0205 199502 1 001", "196501101988111008"])
    func validNIPIsAccepted(_ text: String) throws {
        #expect(try PersonID(text).key.count == 18)
    }

    @Test(arguments: [
        ("12345", "exactly 18 digits"),
        ("19700205199502100A", "exactly 18 digits"),
        ("197002301995021001", "birth date"),
        ("197013051995021001", "birth date"),
        ("197002051995131001", "appointment month"),
        ("197002051965021001", "appointment month"),
        ("197002051995023001", "sex code"),
    ])
    func invalidNIPNamesWhatIsWrong(_ text: String, _ why: String) {
        #expect {
            try PersonID(text)
        } throws: { error in
            "\(error)".contains(why) && "\(error)".contains(text)
        }
    }

    @Test func meetingIDRoundTripsAndPads() throws {
        #expect(MeetingID(year: 2020, serial: 12).description == "RP-2020-0012")
        #expect(try MeetingID("rp-2020-0012") == MeetingID(year: 2020, serial: 12))
        #expect(throws: InputError.invalidMeetingID("RP-20-1")) { try MeetingID("RP-20-1") }
        #expect(throws: InputError.self) { try MeetingID("RP-2020-0000") }
    }

    @Test func personNeedsNameOPDAndAPlausibleEmail() throws {
        let nip = Fx.governor
        #expect(throws: InputError.self) { try Person(id: nip, name: " ", jabatan: "x", opd: "Setda") }
        #expect(throws: InputError.self) { try Person(id: nip, name: "A", jabatan: "x", opd: "") }
        #expect(throws: InputError.invalidEmail("a@b")) { try Person(id: nip, name: "A", jabatan: "x", opd: "Setda", email: "a@b") }
        #expect(try Person(id: nip, name: "A", jabatan: "x", opd: "Setda", email: "a@banten.go.id").email == "a@banten.go.id")
    }
}

@Suite struct InjectionTests {
    @Test(arguments: ["https://vicon.example.go.id/rapim\r\nATTENDEE;ROLE=CHAIR:mailto:palsu@evil.example", "https://vicon.example.go.id/a b",
                      "https://vicon.example.go.id/\u{0}", "javascript:alert(1)", "ftp://files.example.go.id/x", "https://", "vicon.example.go.id/rapim",
                      "https://x.id/\na", "https://x.id/\u{7F}"])
    func aLinkWithAnythingButAnAddressIsRefused(_ link: String) {
        #expect(throws: InputError.self) { try Meeting.checkedLink(link) }
    }

    @Test func ordinaryLinksPass() throws {
        #expect(try Meeting.checkedLink(" https://zoom.us/j/123?pwd=abc ") == "https://zoom.us/j/123?pwd=abc")
        #expect(try Meeting.checkedLink("http://10.0.0.5:8080/rapim#ruang-1") == "http://10.0.0.5:8080/rapim#ruang-1")
        #expect(try Meeting.checkedLink("") == nil)
    }

    @Test(arguments: ["kadis@dinkes.go.id\r\nATTENDEE;ROLE=CHAIR:mailto:palsu@evil.example", "a b@c.go.id", "\"a\"@c.go.id", "a@b", "a@-b.go.id",
                      "a@b..id", ".a@b.id", "a@b.id\u{0}", "a;ROLE=CHAIR@b.id", "a:b@c.id", "a@b.id,c@d.id"])
    func anEmailWithAnythingButAnAddressIsRefused(_ email: String) {
        #expect(throws: InputError.self) { try Person.checkedEmail(email) }
    }

    @Test func ordinaryEmailsPass() throws {
        for e in ["kadis@dinkes.bantenprov.go.id", "first.last+rapat@setda.banten.go.id", "o'neil@x.co.id", "a_b-c@x-y.id"] {
            #expect(try Person.checkedEmail(e) == e)
        }
    }
}

@Suite struct TextTests {
    @Test func wallClockTimeIsReadInTheGivenZone() throws {
        let wib = try TimeInput.parse("2020-12-16 09:00", zone: Zone.jakarta)
        let wit = try TimeInput.parse("2020-12-16 09:00", zone: Zone.named("WIT"))
        #expect(wib.timeIntervalSince1970 == 1_608_084_000)  // 02:00 UTC
        #expect(wib.timeIntervalSince(wit) == 2 * 3600)
    }

    @Test func isoWithOffsetIsAnInstant() throws {
        let a = try TimeInput.parse("2020-12-16T09:00+07:00", zone: Zone.named("WIT"))
        let b = try TimeInput.parse("2020-12-16T02:00:00Z", zone: Zone.jakarta)
        #expect(a == b)
    }

    @Test(arguments: ["2020-12-16 9am", "2020-13-16 09:00", "2020-02-30 09:00", "16-12-2020 09:00", "2020-12-16 24:00", "", "2020-12-16T09:00"])
    func malformedTimeIsRefusedWithTheFormat(_ text: String) {
        #expect(throws: InputError.invalidTime(text)) { try TimeInput.parse(text, zone: Zone.jakarta) }
    }

    @Test func indonesianAndEnglishDates() throws {
        let t = Fx.at("2020-12-16 09:00")
        #expect(DateText(.id).dateTime(t, zone: Zone.jakarta) == "Rabu, 16 Desember 2020 09.00 WIB")
        #expect(DateText(.en).dateTime(t, zone: Zone.jakarta) == "Wednesday, 16 December 2020 09:00 WIB")
        #expect(DateText(.id).time(t, zone: try Zone.named("Asia/Makassar")) == "10.00 WITA")
        #expect(DateText(.id).time(t, zone: try Zone.named("Asia/Jayapura")) == "11.00 WIT")
        #expect(DateText(.id).minutes(7) == "7 menit")
    }

    @Test func unknownZoneIsRefused() {
        #expect(throws: InputError.invalidTimeZone("Asia/Bandung")) { try Zone.named("Asia/Bandung") }
    }

    @Test func holidayListReportsTheBadLine() throws {
        let ok = try Holiday.parseList("# libur\n2020-12-25 Hari Raya Natal\n\n2020-12-24 Cuti bersama # comment\n")
        #expect(ok.map(\.date.description) == ["2020-12-25", "2020-12-24"])
        #expect(ok[1].name == "Cuti bersama")
        #expect { try Holiday.parseList("2020-12-25 Natal\n2020-12-32 Salah\n", source: "h.txt") } throws: {
            "\($0)".contains("line 2 of h.txt")
        }
    }
}
