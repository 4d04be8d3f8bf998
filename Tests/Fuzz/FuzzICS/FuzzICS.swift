import Foundation
import FuzzDriver
import RapatCalendar
import RapatCore

// Coverage-guided fuzzing of the iCalendar parser and importer (Tests/Fuzz/run.sh). Any input may be refused
// with an error; none may crash, hang or leak. Without FUZZING the same body replays files given as arguments.

let chair = try! PersonID("197002051995021001")
// The fuzzer calls one input at a time on one thread.
nonisolated(unsafe) let importer = ICalImport(people: [chair: try! Person(id: chair, name: "Gubernur", jabatan: "Gubernur", opd: "Setda", email: "gubernur@banten.go.id")],
                          defaultChair: chair)

func fuzzOne(_ data: Data) {
    _ = try? importer.events(from: data, source: "fuzz.ics")
}

@main struct Fuzz {
    static func main() { FuzzDriver.run { fuzzOne(Data($0)) } }
}
