import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld

/// Writes a replay trace as CSV, one row per agent per tick, atomically at the end.
final class TraceWriter {
    let path: String
    var text: String

    /// Columns: where the agent is at the end of the tick, then what it sensed at its start,
    /// each sensor by its ``SensorLayout`` name (`sense.ray0.proximity`, …, `sense.taste`),
    /// every controller output by its slot's name (`out.turn`, `out.thrust`,
    /// `out.read_key0`, …, `out.gate`), the vector read (`read0…`), the write gate applied,
    /// and the hidden truth: the trial and its phase, the goal that is right now, the food types
    /// nourishing now (indices, space-separated), the food type offered, and the agent's
    /// decisions so far.
    init(path: String, world: WorldSpec) throws {
        self.path = path
        let a = world.architecture
        var header = ["episode", "tick", "agent", "x", "y", "hx", "hy", "energy", "alive"]
        header += world.body.sensorLayout.names.map { "sense." + $0 }
        header += a.outputNames(motors: WorldSpec.Body.motorNames).map { "out." + $0 }
        header += (0..<a.valueWidth).map { "read\($0)" }
        header += ["applied_gate", "trial", "phase", "right_goal", "good_food", "offer", "decisions", "right_decisions"]
        text = header.joined(separator: ",") + "\n"
    }

    func append(_ r: Replay.TraceRow) {
        var fields = [String(r.episode), String(r.tick), String(r.agent), "\(r.x)", "\(r.y)", "\(r.hx)", "\(r.hy)",
                      "\(r.energy)", r.alive ? "1" : "0"]
        fields += r.sensors.map { "\($0)" }
        fields += r.outputs.map { "\($0)" }
        fields += r.read.map { "\($0)" }
        fields.append("\(r.gate)")
        fields += [r.trial.map(String.init) ?? "", r.phase?.rawValue ?? "", r.cue.map(String.init) ?? "",
                   r.goodFood.map(String.init).joined(separator: " "), r.offer.map(String.init) ?? "",
                   String(r.decisions.made), String(r.decisions.right)]
        text += fields.joined(separator: ",") + "\n"
    }

    func finish() throws {
        do {
            try FileAccess.write(Data(text.utf8), to: path)
        } catch {
            throw RuntimeFailure(description: "trace \(error.description)")
        }
    }
}

