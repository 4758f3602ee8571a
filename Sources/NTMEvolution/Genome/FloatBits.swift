import Foundation

/// Exact storage of Float arrays in text files: little-endian IEEE-754 bits, base64.
/// Decimal text would not promise that every Float reads back bit for bit.
enum FloatBits {
    static func encode(_ values: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(4 * values.count)
        for v in values {
            let bits = v.bitPattern
            for shift in stride(from: 0 as UInt32, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// nil if the text is not base64 or not a whole number of floats.
    static func decode(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        let raw = [UInt8](data)
        return (0..<(raw.count / 4)).map { i -> Float in
            var bits: UInt32 = 0
            for k in 0..<4 { bits |= UInt32(raw[4 * i + k]) << UInt32(8 * k) }
            return Float(bitPattern: bits)
        }
    }
}
