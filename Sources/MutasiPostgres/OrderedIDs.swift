import Foundation

/// Ids that sort in the order they are made: milliseconds since 1970, a counter, then random
/// bits (the layout of a version 7 UUID). Rows inserted in that order append to a uuid primary
/// key's index instead of touching a random page of it per row.
struct OrderedIDs {
    private let millis: UInt64
    private var counter: UInt32 = 0
    /// Drawn once: each id's random bits mix it with the counter (a system call per id cost more
    /// than the rest of making it).
    private let seed = UInt64.random(in: .min ... .max)

    init(now: Date = Date()) {
        millis = UInt64(max(0, now.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
    }

    /// The next id; after 2^26 ids the counter wraps and order is no longer kept (ids stay unique
    /// through their 48 random bits, which mix the whole count).
    mutating func next() -> UUID {
        let count = counter & 0x3FF_FFFF
        var tail = seed &+ UInt64(counter) &* 0x9E37_79B9_7F4A_7C15
        counter &+= 1
        tail = (tail ^ (tail >> 31)) &* 0xBF58_476D_1CE4_E5B9
        tail ^= tail >> 29
        let m = millis
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: m >> 40), UInt8(truncatingIfNeeded: m >> 32), UInt8(truncatingIfNeeded: m >> 24),
            UInt8(truncatingIfNeeded: m >> 16), UInt8(truncatingIfNeeded: m >> 8), UInt8(truncatingIfNeeded: m),
            0x70 | UInt8(truncatingIfNeeded: count >> 22), UInt8(truncatingIfNeeded: count >> 14),
            0x80 | UInt8(truncatingIfNeeded: (count >> 8) & 0x3F), UInt8(truncatingIfNeeded: count),
            UInt8(truncatingIfNeeded: tail >> 40), UInt8(truncatingIfNeeded: tail >> 32), UInt8(truncatingIfNeeded: tail >> 24),
            UInt8(truncatingIfNeeded: tail >> 16), UInt8(truncatingIfNeeded: tail >> 8), UInt8(truncatingIfNeeded: tail)))
    }
}

