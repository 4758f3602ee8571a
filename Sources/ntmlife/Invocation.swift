import Foundation

/// How to write a command for the user to type next, so that it runs as printed in the same
/// shell: the tool as it was invoked, and every argument quoted where a shell would split it.
///
/// `ntmlife` when that name on the PATH is this very executable (an installed tool);
/// otherwise the path it was started by, e.g. `.build/release/ntmlife` or the absolute path
/// `swift run` uses, which works from the directory the user is in.
enum Invocation {
    static let tool: String = {
        let arg0 = CommandLine.arguments.first ?? "ntmlife"
        let me = URL(fileURLWithPath: arg0).resolvingSymlinksInPath().path
        if !arg0.contains("/") { return quoted(arg0) }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(dir) + "/ntmlife"
            if FileManager.default.isExecutableFile(atPath: candidate),
               URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path == me {
                return "ntmlife"
            }
        }
        return quoted(arg0)
    }()

    /// `tool` followed by the subcommand and arguments, each quoted as needed.
    static func command(_ words: String...) -> String { command(words) }

    static func command(_ words: [String]) -> String {
        ([tool] + words.map(quoted)).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back unchanged: bare if it holds only safe characters,
    /// else in single quotes (a `'` inside written `'\''`).
    static func quoted(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@+%")
        if !word.isEmpty && word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
