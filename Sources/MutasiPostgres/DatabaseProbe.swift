import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells a database that is down from one that is only slow to hand out a connection: can a
/// TCP connection to its address (or a connection to its Unix socket) be opened within a moment?
/// A stopped server refuses at once; a busy one accepts. Only the handshake is made, nothing is
/// sent. The handshake blocks, so it runs on a thread of its own, and its answer serves every
/// caller for a second.
public final class DatabaseProbe: Sendable {
    public let host: String
    public let port: Int
    /// The Unix socket to try instead of `host` and `port`, when the server connects through one.
    public let socketPath: String?
    /// How long the handshake may take, in milliseconds.
    public let timeoutMilliseconds: Int32
    private let last = Mutex<(at: ContinuousClock.Instant, accepts: Bool)?>(nil)

    public init(host: String, port: Int, timeoutMilliseconds: Int32 = 500) {
        self.host = host
        self.port = port
        self.socketPath = nil
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    public init(socketPath: String, timeoutMilliseconds: Int32 = 500) {
        self.host = "localhost"
        self.port = 0
        self.socketPath = socketPath
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// `accepts()` off the caller's thread, or its answer from less than a second ago.
    public func acceptsRecently() async -> Bool {
        let now = ContinuousClock.now
        if let known = last.withLock({ $0 }), now - known.at < .seconds(1) { return known.accepts }
        let answer = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.accepts()) }
        }
        last.withLock { $0 = (ContinuousClock.now, answer) }
        return answer
    }

    /// Whether some address of `host` accepts a TCP connection on `port`.
    public func accepts() -> Bool {
        if let socketPath { return connects(unix: socketPath) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return false }
        defer { freeaddrinfo(first) }
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            if connects(info.pointee) { return true }
            next = info.pointee.ai_next
        }
        return false
    }

    /// Whether the Unix socket at `path` accepts a connection (a local connect answers at once).
    private func connects(unix path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    private func connects(_ info: addrinfo) -> Bool {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
        if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&waiting, 1, timeoutMilliseconds) == 1 else { return false }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 && failure == 0
    }
}
