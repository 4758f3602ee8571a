import Foundation
import NTMEvolution

/// Progress of a run: one live, rewritten line on a terminal; plain log lines otherwise
/// (a file, a pipe, a CI log). Written to standard error so stdout stays for results.
struct ProgressReporter {
    let isTerminal = isatty(fileno(stderr)) != 0
    let started = Date()

    func report(_ s: GenerationStats, of total: Int, startGeneration: Int) {
        let done = s.generation + 1 - startGeneration
        let remaining = total - s.generation - 1
        let elapsed = Date().timeIntervalSince(started)
        let eta = done > 0 ? elapsed / Double(done) * Double(remaining) : 0
        let line = String(format: "gen %d/%d  best %.2f  mean %.2f  %@ agent-steps/s  ETA %@",
                          s.generation + 1, total, s.best, s.mean, Self.si(s.agentStepsPerSecond), Self.clock(eta))
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
