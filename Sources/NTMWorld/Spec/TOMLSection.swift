import Foundation
import TOMLKit

/// A typed, checked view of one TOML table of a world file.
///
/// Every read names its key, default and accepted range; every key read is remembered, so
/// that ``finish()`` can reject the keys nobody asked for (a typo must not be silently
/// ignored). Errors carry the file, the line and the dotted key path.
package final class TOMLSection {
    let table: TOMLTable
    let path: String
    let file: String
    let lines: TOMLLineIndex
    private var known: [String] = []

    init(table: TOMLTable, path: String, file: String, lines: TOMLLineIndex) {
        self.table = table
        self.path = path
        self.file = file
        self.lines = lines
    }

    package func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    package func error(_ key: String?, _ message: String) -> WorldFileError {
        let full = key.map(keyPath) ?? (path.isEmpty ? nil : path)
        return WorldFileError(file: file, line: full.flatMap { lines.line(of: $0) }, key: full, message: message)
    }

    /// Whether the table has `key` (without reading it).
    package func has(_ key: String) -> Bool { table[key] != nil }

    /// Accepts `key` without reading it: a table that belongs to another reader.
    package func ignore(_ key: String) { known.append(key) }

    private func value(_ key: String) -> TOMLValueConvertible? {
        known.append(key)
        return table[key]
    }

    private static func typeName(_ v: TOMLValueConvertible) -> String {
        switch v.type {
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        default: return "a \(v.type)"
        }
    }

    package func int(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>, powerOfTwo: Bool = false) throws(WorldFileError) -> Int {
        guard let v = value(key) else { return fallback }
        guard let i = v.int else { throw error(key, "should be an integer, got \(Self.typeName(v))") }
        let accepted = powerOfTwo ? "a power of two from \(range.lowerBound) to \(range.upperBound)"
                                  : "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard range.contains(i), !powerOfTwo || i & (i - 1) == 0 else { throw error(key, "is \(i); accepted: \(accepted)") }
        return i
    }

    package func float(_ key: String, _ fallback: Float, _ range: ClosedRange<Float>) throws(WorldFileError) -> Float {
        guard let v = value(key) else { return fallback }
        return try number(v, key, range)
    }

    package func number(_ v: TOMLValueConvertible, _ key: String, _ range: ClosedRange<Float>) throws(WorldFileError) -> Float {
        guard let d = v.double ?? v.int.map(Double.init) else { throw error(key, "should be a number, got \(Self.typeName(v))") }
        let f = Float(d)
        guard f.isFinite, range.contains(f) else {
            throw error(key, "is \(d); accepted: a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return f
    }

    package func bool(_ key: String, _ fallback: Bool) throws(WorldFileError) -> Bool {
        guard let v = value(key) else { return fallback }
        guard let b = v.bool else { throw error(key, "should be true or false, got \(Self.typeName(v))") }
        return b
    }

    package func string(_ key: String, _ fallback: String) throws(WorldFileError) -> String {
        guard let v = value(key) else { return fallback }
        guard let s = v.string else { throw error(key, "should be a string, got \(Self.typeName(v))") }
        return s
    }

    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ fallback: T) throws(WorldFileError) -> T where T.RawValue == String {
        let s = try string(key, fallback.rawValue)
        guard let c = T(rawValue: s) else {
            throw error(key, "is \"\(s)\"; accepted: " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return c
    }

    /// An array of strings, each one of `T`'s raw values (nil when absent).
    package func choices<T: RawRepresentable & CaseIterable>(_ key: String, of: T.Type) throws(WorldFileError) -> [T]? where T.RawValue == String {
        guard let v = value(key) else { return nil }
        guard let array = v.array else { throw error(key, "should be an array of strings, got \(Self.typeName(v))") }
        var out: [T] = []
        for element in array {
            guard let s = element.string, let c = T(rawValue: s) else {
                throw error(key, "has \(element.string.map { "\"\($0)\"" } ?? Self.typeName(element)); accepted: " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            out.append(c)
        }
        return out
    }

    package func seed(_ key: String, _ fallback: UInt64) throws(WorldFileError) -> UInt64 {
        guard let v = value(key) else { return fallback }
        if let i = v.int, i >= 0 { return UInt64(i) }
        if let s = v.string, let u = UInt64(s.hasPrefix("0x") ? String(s.dropFirst(2)) : s, radix: s.hasPrefix("0x") ? 16 : 10) { return u }
        throw error(key, "should be a non-negative integer or a string of one (decimal or 0x-hex)")
    }

    /// An array of exactly `count` numbers (any count when nil), each in `range`.
    package func floats(_ key: String, count: Int?, _ range: ClosedRange<Float>) throws(WorldFileError) -> [Float]? {
        guard let v = value(key) else { return nil }
        guard let array = v.array else { throw error(key, "should be an array of numbers, got \(Self.typeName(v))") }
        if let count, array.count != count { throw error(key, "should have \(count) numbers, has \(array.count)") }
        var out: [Float] = []
        for element in array { out.append(try number(element, key, range)) }
        return out
    }

    package func color(_ key: String, _ fallback: WorldSpec.Color) throws(WorldFileError) -> WorldSpec.Color {
        guard let c = try floats(key, count: 3, 0...1) else { return fallback }
        return WorldSpec.Color(c[0], c[1], c[2])
    }

    /// `[key]` as a section (nil when absent).
    package func section(_ key: String) throws(WorldFileError) -> TOMLSection? {
        guard let v = value(key) else { return nil }
        guard let t = v.table else { throw error(key, "should be a table ([\(keyPath(key))]), got \(Self.typeName(v))") }
        return TOMLSection(table: t, path: keyPath(key), file: file, lines: lines)
    }

    /// `[[key]]` as sections (empty when absent).
    package func sections(_ key: String) throws(WorldFileError) -> [TOMLSection] {
        guard let v = value(key) else { return [] }
        guard let array = v.array else { throw error(key, "should be an array of tables ([[\(keyPath(key))]])") }
        var out: [TOMLSection] = []
        for (i, element) in array.enumerated() {
            guard let t = element.table else { throw error(key, "element \(i) should be a table") }
            out.append(TOMLSection(table: t, path: "\(keyPath(key))[\(i)]", file: file, lines: lines))
        }
        return out
    }

    /// Rejects any key that was never read, listing the keys this table accepts.
    package func finish() throws(WorldFileError) {
        for key in table.keys.sorted() where !known.contains(key) {
            let accepted = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw error(key, "unknown key; accepted keys here: \(accepted)")
        }
    }
}
