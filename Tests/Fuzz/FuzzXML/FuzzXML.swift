import Foundation
import FuzzDriver
import RapatMinutes

// Coverage-guided fuzzing of the XML reader: the safe libxml2 parse, schema validation and reading the
// minutes back (Tests/Fuzz/run.sh). Without FUZZING the same body replays files given as arguments.

// The fuzzer calls one input at a time on one thread.
nonisolated(unsafe) let schema = try! MinutesXML.schema()

func fuzzOne(_ data: Data) {
    _ = try? MinutesXML.read(Array(data), schema: schema)
}

@main struct Fuzz {
    static func main() { FuzzDriver.run { fuzzOne(Data($0)) } }
}
