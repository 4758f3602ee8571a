import Foundation

/// What JSON readers forgive and an NTMLife file may not hold.
///
/// Foundation's `JSONDecoder` keeps one of two values given for the same key, silently, so a
/// genome file with `"episodes"` written twice would replay under a number nobody can see
/// in it. And its reader recurses, so a file of a million `[` would exhaust the stack. This
/// scan runs before decoding and refuses both: a key repeated in one object (after escapes
/// are decoded, so `"a"` and `"\u0061"` are the same key), and nesting deeper than
/// ``maximumDepth`` (no file NTMLife writes is deeper than 6). Anything else malformed is
/// left to the decoder, which says where: the scan then returns nil early.
package enum StrictJSON {
    static let maximumDepth = 32

    /// The first problem as a phrase naming the key and line, or nil.
    package static func problem(in data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var scan = Scan(bytes: raw.bindMemory(to: UInt8.self))
            return scan.run()
        }
    }

    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var line = 1
        /// One entry per open container: the keys seen so far (nil for an array).
        var open: [Set<String>?] = []

        mutating func run() -> String? {
            while i < bytes.count {
                let c = bytes[i]
                switch c {
                case 0x0A: line += 1; i += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard open.count < StrictJSON.maximumDepth else {
                        return "nests deeper than \(StrictJSON.maximumDepth) levels (line \(line))"
                    }
                    open.append(c == UInt8(ascii: "{") ? [] : nil)
                    i += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if open.popLast() == nil { return nil }
                    i += 1
                case UInt8(ascii: "\""):
                    let keyLine = line
                    guard let text = string() else { return nil }
                    // A string directly followed by ':' inside an object is a key.
                    var k = i
                    while k < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) { k += 1 }
                    if k < bytes.count, bytes[k] == UInt8(ascii: ":"), let keys = open.last, var seen = keys {
                        if seen.contains(text) { return "the key '\(text)' appears twice in one object (line \(keyLine))" }
                        seen.insert(text)
                        open[open.count - 1] = seen
                    }
                default: i += 1
                }
            }
            return nil
        }

        /// The string starting at the quote at `i`, escapes decoded; nil if malformed.
        mutating func string() -> String? {
            i += 1
            var scalars = String.UnicodeScalarView()
            var utf8: [UInt8] = []
            func flush() {
                if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
            }
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; flush(); return String(scalars) }
                if c == 0x0A { return nil }
                if c != UInt8(ascii: "\\") { utf8.append(c); i += 1; continue }
                guard i + 1 < bytes.count else { return nil }
                flush()
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    guard var v = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(v), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(e))
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
            i += 4
            return v
        }
    }
}
