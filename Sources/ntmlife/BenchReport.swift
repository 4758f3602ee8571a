import Foundation

/// One measured figure, as printed by `ntmlife bench --json`.
struct BenchRecord: Encodable {
    enum Param: Encodable, CustomStringConvertible {
        case int(Int), string(String)
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let v): try c.encode(v)
            case .string(let v): try c.encode(v)
            }
        }
        var description: String {
            switch self {
            case .int(let v): return String(v)
            case .string(let v): return v
            }
        }
    }

    var benchmark: String
    var params: [String: Param]
    var metric: String
    var value: Double
    var unit: String
}

/// Collects records and prints them: JSON Lines as they come, or one aligned table at the end.
final class BenchReport {
    let json: Bool
    private var rows: [BenchRecord] = []
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    init(json: Bool) { self.json = json }

    func add(_ record: BenchRecord) {
        if json {
            let line = String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self)
            print(line)
            fflush(stdout)
        } else {
            rows.append(record)
        }
    }

    /// The table: one heading line per figure (its benchmark and parameters), then its
    /// metrics beneath, indented, with values right-aligned in one column. Records that share
    /// a benchmark and parameters arrive together and share the heading, so a long parameter
    /// list (the LSH rows have eleven) is printed once, not on every metric's line.
    func finish() {
        guard !json else { return }
        print(Self.table(rows))
    }

    static func table(_ rows: [BenchRecord]) -> String {
        func heading(_ r: BenchRecord) -> String {
            r.benchmark + "  " + r.params.keys.sorted().map { "\($0)=\(r.params[$0]!)" }.joined(separator: " ")
        }
        let metricWidth = max("metric".count, rows.map(\.metric.count).max() ?? 0)
        let valueWidth = max("value".count, rows.map { format($0.value).count }.max() ?? 0)
        func metricLine(_ metric: String, _ value: String, _ unit: String) -> String {
            "    " + metric.padding(toLength: metricWidth, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: valueWidth - value.count) + value + "  " + unit
        }
        var lines = ["benchmark  params", metricLine("metric", "value", "unit")]
        var last: String?
        for r in rows {
            let h = heading(r)
            if h != last { lines.append(h); last = h }
            lines.append(metricLine(r.metric, format(r.value), r.unit))
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ v: Double) -> String {
        if v >= 1000 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }
}
