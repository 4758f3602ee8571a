import Foundation
import NTMEvolution

/// Progress of a run: one live, rewritten line on a terminal; plain log lines otherwise
/// (a file, a pipe, a CI log). Written to standard error so stdout stays for results.
struct ProgressReporter {
    let isTerminal = isatty(fileno(stderr)) != 0
    let started = Date()
    /// "generation" or "epoch".
    let unit: String
    let total: Int
    /// Units already completed when this process started (for the ETA).
    let first: Int

    func report(_ s: GenerationStats) {
        let done = s.generation + 1 - first
        let remaining = total - s.generation - 1
        let elapsed = Date().timeIntervalSince(started)
        let eta = done > 0 ? elapsed / Double(done) * Double(max(remaining, 0)) : 0
        // Numbered from 0, as the files of best/ and the rows of stats.csv are; the count in
        // brackets is how many are done.
        let line = String(format: "%@ %d (%d of %d)  best %.2f  mean %.2f  %@ agent-steps/s  ETA %@", unit,
                          s.generation, s.generation + 1, total, s.best, s.mean, Self.si(s.agentStepsPerSecond), Self.clock(eta))
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func si(_ v: Double) -> String {
        v >= 1e6 ? String(format: "%.2fM", v / 1e6) : v >= 1e3 ? String(format: "%.1fk", v / 1e3) : String(format: "%.0f", v)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
