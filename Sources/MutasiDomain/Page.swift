import Foundation

/// Which part of a list to return. Lists are ordered stably, so offset paging is repeatable.
public struct PageRequest: Sendable, Equatable {
    public static let maxLimit = 200
    public var limit: Int
    public var offset: Int
    /// Where a keyset page starts: after the item a previous page's `next` names. A list that
    /// takes it seeks there through its ordering index, however deep into the list that is.
    public var after: PageCursor?

    /// Validates the bounds the API documents: limit 1...200 (default 50), offset >= 0, and no
    /// offset beside a cursor (the cursor already says where the page starts).
    public init(limit: Int? = nil, offset: Int? = nil, after: PageCursor? = nil) throws {
        let limit = limit ?? 50
        let offset = offset ?? 0
        guard (1...Self.maxLimit).contains(limit) else {
            throw DomainError.invalid("page.invalid_limit", "limit must be between 1 and \(Self.maxLimit).", field: "limit")
        }
        guard offset >= 0 else {
            throw DomainError.invalid("page.invalid_offset", "offset must not be negative.", field: "offset")
        }
        guard after == nil || offset == 0 else {
            throw DomainError.invalid("page.invalid_offset", "offset cannot be combined with cursor.", field: "offset")
        }
        self.limit = limit
        self.offset = offset
        self.after = after
    }
}

/// One page of a list, with the total so clients can page through.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int
    /// The cursor of the following page (lists with keyset paging only); absent on the last page.
    public var next: String?

    public init(items: [Item], total: Int, request: PageRequest, next: PageCursor? = nil) {
        self.items = items; self.total = total; self.limit = request.limit; self.offset = request.offset
        self.next = next?.text
    }
}

extension Page: Encodable where Item: Encodable {}
