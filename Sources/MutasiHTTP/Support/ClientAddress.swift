#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IP address (4 or 16 bytes), parsed from text and written back in its canonical form.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4 address seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 address.
            bytes = raw.prefix(10).allSatisfy({ $0 == 0 }) && raw[10] == 0xff && raw[11] == 0xff ? Array(raw.suffix(4)) : raw
        } else {
            return nil
        }
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        var copy = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &copy, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A network in CIDR notation (`10.0.0.0/8`, `fd00::/8`) or a single address.
public struct IPNetwork: Sendable, Hashable {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])) else { return nil }
        let bits = address.bytes.count * 8
        if parts.count == 2 {
            guard parts[1].count <= 3, let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        self.address = address
    }

    public func contains(_ other: IPAddress) -> Bool {
        guard other.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, other.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            guard a & mask == b & mask else { return false }
            remaining -= 8
        }
        return true
    }
}

/// The proxies whose `X-Forwarded-For` is believed. Without any, the client is always the TCP
/// peer, so nobody can choose the address their login attempts are counted under.
public struct TrustedProxies: Sendable {
    public let networks: [IPNetwork]

    public init(_ networks: [IPNetwork] = []) { self.networks = networks }

    /// Parses a comma-separated list of addresses and CIDR networks; a failure names the bad entry.
    public static func parse(_ text: String) -> Result<TrustedProxies, BadEntry> {
        var networks: [IPNetwork] = []
        for entry in text.split(separator: ",") {
            let trimmed = entry.trimmedBlanks
            if trimmed.isEmpty { continue }
            guard let network = IPNetwork(trimmed) else { return .failure(BadEntry(text: trimmed)) }
            networks.append(network)
        }
        return .success(TrustedProxies(networks))
    }

    public struct BadEntry: Error, Sendable { public let text: String }

    public func trusts(_ address: IPAddress) -> Bool { networks.contains { $0.contains(address) } }

    /// The client's address: the peer's, unless the peer is a trusted proxy, in which case the
    /// rightmost `X-Forwarded-For` entry that is not itself a trusted proxy (the leftmost when
    /// all are). A malformed header is ignored.
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peerText = peer, let peerAddress = IPAddress(peerText) else { return peer }
        guard trusts(peerAddress), !forwardedFor.isEmpty else { return peerAddress.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { IPAddress($0.trimmedBlanks) }
        guard !hops.isEmpty, hops.allSatisfy({ $0 != nil }) else { return peerAddress.description }
        let chain = hops.compactMap { $0 }
        return (chain.last { !trusts($0) } ?? chain[0]).description
    }
}

extension StringProtocol {
    var trimmedBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
