#if canImport(Glibc)
import BenchSupport
import CMalloc
#endif
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command a benchmark runs as a child process of this one (same process tree), with its standard
/// streams redirected to files so its output never mixes with the benchmark's table.
struct BenchCommand: Sendable {
    /// A program name looked up in PATH, or a path.
    var executable: String
    var arguments: [String]
    /// Variables set (or replaced) in the child on top of this process's environment.
    var environment: [String: String] = [:]
    var standardInput: String?
    var standardOutput: String?
    var standardError: String?

    /// The command as one could paste it into a shell.
    var display: String {
        var words = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(BenchCommand.quoted($0.value))" }
        words.append(BenchCommand.quoted(executable))
        words += arguments.map(BenchCommand.quoted)
        var line = words.joined(separator: " ")
        if let standardInput { line += " < " + BenchCommand.quoted(standardInput) }
        return line
    }

    static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// What one child run cost.
struct BenchMeasurement: Sendable {
    /// Wall time from spawn to reaping, in seconds.
    var seconds: Double
    /// The child's peak resident set size in bytes.
    var peakRSSBytes: Int
    /// Whether the peak is wait4's exact `ru_maxrss`, or the highest `VmHWM` sampled while the child ran
    /// (see `BenchProcess.measure`).
    var peakIsExact: Bool
    /// Exit status, or 128 + signal when a signal ended it.
    var exitStatus: Int32
    /// User plus system CPU time of the child, in seconds: what the run cost regardless of what else
    /// the machine was doing.
    var cpuSeconds: Double = 0
    /// Share of the machine's CPU time the hypervisor gave to other guests while the child ran
    /// (nil where /proc/stat does not say): a wall time measured with much steal is not comparable.
    var stealPercent: Double?

    var succeeded: Bool { exitStatus == 0 }
    var peakRSSMegabytes: Double { Double(peakRSSBytes) / 1_048_576 }
}

enum BenchError: Error, CustomStringConvertible {
    case spawnFailed(String, Int32)

    var description: String {
        switch self {
        case .spawnFailed(let command, let code): "cannot start \(command): \(String(cString: strerror(code)))"
        }
    }
}

enum BenchProcess {
    /// Runs the command as a child with `posix_spawnp`, waits for it with `wait4`, and reports its wall
    /// time and peak memory. Blocks the calling thread until the child ends.
    ///
    /// Peak memory: Linux's `ru_maxrss` for a child is never below the spawning process's own peak RSS
    /// when it spawned (exec records the address space it replaces, and a spawned child starts in the
    /// parent's), so a benchmark that generated a large feed would report its own size for every child.
    /// Hence the benchmark returns freed memory to the system and resets its own peak first
    /// (`malloc_trim`, `/proc/self/clear_refs`); `ru_maxrss` is taken as exact only when it clearly
    /// exceeds what the benchmark itself holds, and otherwise the child's `VmHWM`, sampled every few
    /// milliseconds from `/proc/PID/status` while it runs, is reported.
    static func measure(_ command: BenchCommand) throws -> BenchMeasurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, command.standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, command.standardOutput ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, command.standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var environment = ProcessInfo.processInfo.environment
        for (key, value) in command.environment { environment[key] = value }
        let argv = ([command.executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        resetOwnPeakRSS()
        // What the child's ru_maxrss cannot go below, with room for the pages this process touches
        // between here and the exec (the sampler's thread, the argument copies).
        let inherited = (peakRSSBytes(ofProcess: "self") ?? Int.max / 2) + 16 << 20

        var pid = pid_t()
        let cpuBefore = BenchMachine.CPUTimes.now()
        let start = monotonicSeconds()
        let spawned = posix_spawnp(&pid, command.executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError.spawnFailed(command.executable, spawned) }
        let sampler = PeakRSSSampler(pid: pid)

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else {
                sampler.stop()
                throw BenchError.spawnFailed(command.executable, errno)
            }
        }
        let seconds = monotonicSeconds() - start
        let steal = BenchMachine.CPUTimes.stealPercent(since: cpuBefore)
        let sampled = sampler.stop()
        let signal = status & 0x7F
        let exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        // Linux reports ru_maxrss in kilobytes.
        let reported = Int(usage.ru_maxrss) * 1024
        let exact = reported > inherited
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return BenchMeasurement(
            seconds: seconds, peakRSSBytes: exact ? reported : sampled, peakIsExact: exact, exitStatus: exitStatus,
            cpuSeconds: cpu, stealPercent: steal)
    }

    /// Gives memory this process freed back to the system (glibc keeps it otherwise), then resets its
    /// peak RSS to its current RSS (Linux 4.0+; each step is skipped where not available).
    private static func resetOwnPeakRSS() {
        BenchMemory.returnFreedMemory()
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = write(descriptor, "5", 1)
        close(descriptor)
    }

    /// `VmHWM` (peak resident set size) of a process ("self" or a pid), in bytes; nil once it has exited.
    static func peakRSSBytes(ofProcess process: String) -> Int? {
        let descriptor = open("/proc/\(process)/status", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        let key = Array("VmHWM:".utf8)
        guard let start = (0...(count - key.count)).first(where: { buffer[$0..<$0 + key.count].elementsEqual(key) }) else { return nil }
        var kilobytes = 0, index = start + key.count
        while index < count, buffer[index] == UInt8(ascii: " ") || buffer[index] == UInt8(ascii: "\t") { index += 1 }
        while index < count, buffer[index] >= UInt8(ascii: "0"), buffer[index] <= UInt8(ascii: "9") {
            kilobytes = kilobytes * 10 + Int(buffer[index] - UInt8(ascii: "0"))
            index += 1
        }
        return kilobytes * 1024
    }

    /// The full path of a program in PATH, or nil when it is not installed.
    static func which(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first(where: FileManager.default.isExecutableFile)
    }

    /// The `closeloop` executable the benchmarks run as a child: the one built beside this one
    /// (`swift build` builds both; `swift run closeloop-bench` builds `closeloop` first), or `--closeloop`.
    static func closeloopExecutable(explicit: String? = nil) throws -> String {
        let path = explicit ?? URL(fileURLWithPath: currentExecutable()).deletingLastPathComponent().appendingPathComponent("closeloop").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchFailure("no closeloop executable at \(path); build it (swift build -c release --product closeloop) or pass --closeloop PATH")
        }
        return path
    }

    /// This executable's absolute path.
    static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        let argument = CommandLine.arguments[0]
        if argument.contains("/") {
            return URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.path
        }
        return which(argument) ?? argument
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Reads a child's `VmHWM` every few milliseconds on its own thread until stopped, keeping the highest.
private final class PeakRSSSampler: @unchecked Sendable {
    private let pid: pid_t
    private let lock = NSLock()
    private var running = true
    private var peak = 0
    private let finished = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        self.pid = pid
        let thread = Thread { [self] in
            while isRunning {
                if let bytes = BenchProcess.peakRSSBytes(ofProcess: String(pid)) { record(bytes) }
                usleep(3_000)
            }
            finished.signal()
        }
        thread.start()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    private func record(_ bytes: Int) {
        lock.lock()
        peak = Swift.max(peak, bytes)
        lock.unlock()
    }

    /// Stops sampling and returns the highest value seen.
    @discardableResult
    func stop() -> Int {
        lock.lock()
        running = false
        lock.unlock()
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        return peak
    }
}

enum BenchMemory {
    /// Hands the heap pages this process freed back to the kernel (glibc keeps them otherwise), so
    /// the resident set counts live memory only: benchmarks measure memory after it.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}

/// The machine a benchmark ran on, for the report.
enum BenchMachine {
    static var summary: String {
        var parts = ["nproc \(ProcessInfo.processInfo.activeProcessorCount)"]
        if let cpu = cpuModel { parts.append(cpu) }
        parts.append(String(format: "%.1f GB RAM", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824))
        parts.append(ProcessInfo.processInfo.operatingSystemVersionString)
        return parts.joined(separator: ", ")
    }

    /// "0.52 0.61 0.70" (1, 5 and 15 minutes): other work on the machine slows every run down.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The machine-wide CPU counters of /proc/stat's first line, in clock ticks.
    struct CPUTimes {
        var total: UInt64
        /// Time a virtual machine's CPUs waited while the hypervisor ran other guests.
        var steal: UInt64

        static func now() -> CPUTimes? {
            guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
                  let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
            // user nice system idle iowait irq softirq steal guest guest_nice; guest time is inside user.
            let ticks = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
            guard ticks.count >= 8 else { return nil }
            return CPUTimes(total: ticks.prefix(8).reduce(0, +), steal: ticks[7])
        }

        /// Steal as a percentage of all CPU time from `earlier` to now; 0 when no time passed, nil
        /// when either reading is missing.
        static func stealPercent(since earlier: CPUTimes?) -> Double? {
            guard let earlier, let now = now() else { return nil }
            let elapsed = now.total &- earlier.total
            return elapsed == 0 ? 0 : 100 * Double(now.steal &- earlier.steal) / Double(elapsed)
        }
    }

    private static var cpuModel: String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
