import ArgumentParser

/// `--at` for steps recorded now or, by the notulis, afterwards.
struct AtOption: ParsableArguments {
    @Option(help: "When it happened: 'YYYY-MM-DD HH:MM', or HH:MM on the meeting's day, in its zone (default: now).")
    var at: String?

}
