import ArgumentParser

extension ExecutorKind: ExpressibleByArgument {}

/// `--executor` and `--ray-address`, shared by `study` and `islands`.
struct ExecutorOptions: ParsableArguments {
    @Option(help: "Where the runs go: local (this machine, the default) or ray (a Ray cluster). Does not change results.")
    var executor: ExecutorKind = .local

    @Option(name: .customLong("ray-address"), help: ArgumentHelp("The Ray cluster for --executor ray (default: $RAY_ADDRESS, else a Ray started on this machine for the run).", valueName: "ADDR"))
    var rayAddress: String?

    func validate() throws {
        if rayAddress != nil && executor != .ray { throw ValidationError("--ray-address needs --executor ray") }
    }

    func make(slots: Int) -> any TaskExecutor { executor.make(slots: slots, rayAddress: rayAddress) }
}
