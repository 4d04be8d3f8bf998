import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

/// The `rapat` command: plans, runs and archives meetings. Subcommands parse, call the libraries and print.
@main
struct Rapat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapat",
        abstract: "Meeting scheduler and minutes archive for regional government secretariats.",
        discussion: """
            The archive is chosen with --database (sqlite:///path/rapat.db, a plain path) or $RAPAT_DATABASE; \
            the default is ./rapat.db. Times are typed as 'YYYY-MM-DD HH:MM' in the meeting's zone, or ISO 8601 with an offset.
            """,
        version: "0.1.0",
        subcommands: [
            PersonCommand.self, MeetingCommand.self, AgendaCommand.self,
            StartCommand.self, CheckInCommand.self, NextCommand.self, EndCommand.self,
            MinutesCommand.self, SeriesCommand.self, ActionCommand.self, IndicatorCommand.self, ReportCommand.self, SearchCommand.self, QueryCommand.self, ArchiveCommand.self, ExportCommand.self, ImportCommand.self, ConfigCommand.self, HolidayCommand.self, SampleCommand.self, ServeCommand.self, TokenCommand.self, KeyCommand.self, UserCommand.self,
        ]
    )

    /// Runs the command; an error of Rapat's own is printed in the user's language (`--lang`), and so is the
    /// frame of ArgumentParser's usage errors; help and exit codes pass through.
    static func main() async {
        let language = CLILanguage.current
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch where Catalogue.knows(error) {
            FileHandle.standardError.write(Data(((language == .id ? "Galat: " : "Error: ") + Catalogue.text(error, language) + "\n").utf8))
            // A query that cannot be run is a usage error of its own kind (exit 2), as grep's is.
            Self.exit(withError: error is SearchError ? ExitCode(2) : ExitCode.failure)
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((translated(fullMessage(for: error), language) + "\n").utf8))
            Self.exit(withError: ExitCode(code.rawValue))
        }
    }
}
