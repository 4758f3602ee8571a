/// Where each key of a TOML document is written, for error messages.
///
/// TOMLKit reports positions only for syntax errors, so this reads the text itself: it
/// follows `[table]` and `[[array-of-tables]]` headers (counting repeats of the latter)
/// and records the line of every `key = …`. Good for human-edited files; a key it cannot
/// place (inline tables, dotted keys) falls back to its table's header line.
struct TOMLLineIndex {
    private var keyLines: [String: Int] = [:]
    private var tableLines: [String: Int] = [:]

    init(_ text: String) {
        var section = ""
        var arrayCounts: [String: Int] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[") {
                let name = String(line.dropFirst(2).prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                section = "\(name)[\(index)]"
                tableLines[section] = number + 1
            } else if line.hasPrefix("[") {
                section = String(line.dropFirst().prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                tableLines[section] = number + 1
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                let path = section.isEmpty ? key : "\(section).\(key)"
                if keyLines[path] == nil { keyLines[path] = number + 1 }
            }
        }
    }

    /// The line of `path` (e.g. `food[1].energy`), else of its table, else nil.
    func line(of path: String) -> Int? {
        if let line = keyLines[path] ?? tableLines[path] { return line }
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return line(of: String(path[..<dot]))
    }
}

import Foundation
