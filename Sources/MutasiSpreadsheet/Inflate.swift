/// RFC 1951 DEFLATE decoding (stored, fixed and dynamic Huffman blocks), the compression ZIP
/// entries of spreadsheets use. Output stops with `Inflate.Failure.tooLarge` past `limit` bytes,
/// so a small archive cannot expand without bound.
enum Inflate {
    enum Failure: Error, Equatable { case truncated, invalid(String), tooLarge }

    static func decompress(_ input: ArraySlice<UInt8>, limit: Int, expected: Int? = nil) throws(Failure) -> [UInt8] {
        var state = State(input: input, limit: limit)
        if let expected, expected <= limit { state.out.reserveCapacity(expected) }
        var last = false
        while !last {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(Fixed.literal, Fixed.distance)
            case 2:
                let (lit, dist) = try state.dynamicTables()
                try state.codes(lit, dist)
            default: throw .invalid("block type 3")
            }
        }
        return state.out
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        /// Builds the code from symbol lengths; refuses over-subscribed sets (incomplete ones
        /// are allowed, as zlib allows a single distance code).
        init(lengths: [Int]) throws(Failure) {
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1..<16 {
                left <<= 1
                left -= counts[length]
                if left < 0 { throw .invalid("over-subscribed code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    enum Fixed {
        static let literal = try! Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
        static let distance = try! Huffman(lengths: [Int](repeating: 5, count: 30))
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    struct State {
        let input: ArraySlice<UInt8>
        let limit: Int
        var position: Int
        var bitBuffer = 0, bitCount = 0
        var out: [UInt8] = []

        init(input: ArraySlice<UInt8>, limit: Int) {
            self.input = input
            self.limit = limit
            position = input.startIndex
        }

        mutating func bits(_ need: Int) throws(Failure) -> Int {
            while bitCount < need {
                guard position < input.endIndex else { throw .truncated }
                bitBuffer |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << need) - 1)
            bitBuffer >>= need
            bitCount -= need
            return value
        }

        mutating func stored() throws(Failure) {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.endIndex else { throw .truncated }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == ~complement & 0xFFFF else { throw .invalid("stored length") }
            position += 4
            guard position + length <= input.endIndex else { throw .truncated }
            guard out.count + length <= limit else { throw .tooLarge }
            out += input[position..<position + length]
            position += length
        }

        /// Reads one symbol, bit by bit, as RFC 1951 codes are packed most significant bit first.
        mutating func decode(_ h: Huffman) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try bits(1)
                let count = h.counts[length]
                if code - count < first { return h.symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw .invalid("bad code")
        }

        mutating func codes(_ literal: Huffman, _ distance: Huffman) throws(Failure) {
            while true {
                let symbol = try decode(literal)
                if symbol < 256 {
                    guard out.count < limit else { throw .tooLarge }
                    out.append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let l = symbol - 257
                    guard l < 29 else { throw .invalid("bad length symbol") }
                    let length = Inflate.lengthBase[l] + (try bits(Inflate.lengthExtra[l]))
                    let d = try decode(distance)
                    guard d < 30 else { throw .invalid("bad distance symbol") }
                    let dist = Inflate.distBase[d] + (try bits(Inflate.distExtra[d]))
                    guard dist <= out.count else { throw .invalid("distance too far back") }
                    guard out.count + length <= limit else { throw .tooLarge }
                    let start = out.count - dist
                    for i in 0..<length { out.append(out[start + i]) }
                }
            }
        }

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
            guard nlen <= 286, ndist <= 30 else { throw .invalid("too many codes") }
            var lengths = [Int](repeating: 0, count: 19)
            for i in 0..<ncode { lengths[Inflate.codeLengthOrder[i]] = try bits(3) }
            let lencode = try Huffman(lengths: lengths)
            var all: [Int] = []
            all.reserveCapacity(nlen + ndist)
            while all.count < nlen + ndist {
                let symbol = try decode(lencode)
                switch symbol {
                case 0..<16: all.append(symbol)
                case 16:
                    guard let previous = all.last else { throw .invalid("repeat with no length") }
                    all += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: all += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: all += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard all.count == nlen + ndist else { throw .invalid("too many lengths") }
            guard all[256] != 0 else { throw .invalid("no end-of-block code") }
            return (try Huffman(lengths: Array(all[..<nlen])), try Huffman(lengths: Array(all[nlen...])))
        }
    }
}
