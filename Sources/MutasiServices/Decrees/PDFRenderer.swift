import Foundation
import MutasiDomain

/// Prints HTML to PDF with headless Chromium from the system packages: at most
/// `maxConcurrent` renders at once (the others wait their turn), each stopped after `timeout`.
/// Without a Chromium every render is refused with 503 `decree.renderer_unavailable`.
public struct PDFRenderer: Sendable {
    /// The configured executable (`CHROMIUM_PATH`); nil: the first of chromium,
    /// chromium-browser, google-chrome on `PATH`.
    public let path: String?
    public let timeout: Duration
    private let gate: RenderGate

    public init(path: String? = nil, maxConcurrent: Int = 2, timeout: Duration = .seconds(60)) {
        self.path = path.flatMap { $0.isEmpty ? nil : $0 }
        self.timeout = timeout
        gate = RenderGate(max(1, maxConcurrent))
    }

    static let unavailable = DomainError(.unavailable, code: "decree.renderer_unavailable",
                                         "The PDF renderer (Chromium) is not installed on this server; the HTML form is available.")

    /// The executable a render would run, nil when there is none.
    public var executable: String? {
        let fm = FileManager.default
        if let path { return fm.isExecutableFile(atPath: path) ? path : nil }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in dirs where fm.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
        }
        return nil
    }

    /// The PDF of a complete HTML document.
    public func pdf(html: String) async throws -> Data {
        guard let executable else { throw Self.unavailable }
        await gate.acquire()
        do {
            let data = try await render(html, executable)
            await gate.release()
            return data
        } catch {
            await gate.release()
            throw error
        }
    }

    private func render(_ html: String, _ executable: String) async throws -> Data {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("mutasi-pdf-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let input = dir.appendingPathComponent("decree.html"), output = dir.appendingPathComponent("decree.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--disable-extensions", "--no-pdf-header-footer", "--user-data-dir=\(dir.path)/profile",
                             "--print-to-pdf=\(output.path)", input.absoluteString]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = dir.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let running = RunningProcess(process)
        let timeout = self.timeout
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            running.stop()
        }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: Self.unavailable) }
        }
        watchdog.cancel()
        if running.stopped {
            throw DomainError(.unavailable, code: "decree.render_timeout", "Rendering the PDF took too long; try again later.")
        }
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Data("%PDF".utf8)) else {
            throw DomainError(.unavailable, code: "decree.render_failed", "The PDF renderer failed; the HTML form is available.")
        }
        return data
    }
}

/// A running renderer the watchdog may stop.
private final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var didStop = false
    init(_ process: Process) { self.process = process }

    func stop() {
        lock.withLock {
            guard process.isRunning else { return }
            didStop = true
            process.terminate()
        }
    }

    var stopped: Bool { lock.withLock { didStop } }
}

/// Bounds how many renders run at once.
actor RenderGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    init(_ slots: Int) { free = slots }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
