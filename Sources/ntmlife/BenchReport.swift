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

    func finish() {
        guard !json else { return }
        let cells = rows.map { r in
            [r.benchmark,
             r.params.keys.sorted().map { "\($0)=\(r.params[$0]!)" }.joined(separator: " "),
             r.metric,
             Self.format(r.value),
             r.unit]
        }
        let header = ["benchmark", "params", "metric", "value", "unit"]
        let widths = (0..<header.count).map { c in ([header] + cells).map { $0[c].count }.max()! }
        func line(_ cols: [String]) -> String {
            cols.enumerated().map { c, s in
                c == 3 ? String(repeating: " ", count: widths[c] - s.count) + s
                       : s + String(repeating: " ", count: widths[c] - s.count)
            }.joined(separator: "  ")
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in cells { print(line(row)) }
    }

    static func format(_ v: Double) -> String {
        if v >= 1000 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }
}
