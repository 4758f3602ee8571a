/// Exact bit patterns, so comparisons distinguish −0 from +0 and never accept "close".
public func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

/// How many positions differ in their exact bits: a failure reports a number, not two
/// arrays of 65536 floats.
public func bitMismatches(_ a: [Float], _ b: [Float]) -> Int {
    a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
}
