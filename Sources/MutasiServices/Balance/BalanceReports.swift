import Foundation
import MutasiDomain

/// The levels the balance is reported at.
public enum BalanceLevel: String, Codable, Sendable, CaseIterable {
    case slot, unit, agency, tenant
}

/// Need against staff of one slot, unit, agency or the tenant, with the counts of education
/// mismatches and rotations due among its staff. The `StaffingBalance` figures are written
/// beside the other members: `{"level": "unit", "code": ..., "need": 4, "current": 3, ...}`.
public struct BalanceRow: Codable, Sendable, Equatable {
    public var level: BalanceLevel
    public var id: UUID
    public var code: String
    public var name: String
    /// For slots: the unit; for slots and units: the agency.
    public var unitID: UUID?
    public var unitCode: String?
    public var agencyID: UUID?
    public var agencyCode: String?
    /// For slots: the position kind.
    public var positionKind: String?
    public var figures: StaffingBalance
    public var educationMismatches: Int
    public var rotationDue: Int
    /// Employees still recorded in these slots whose retirement date has passed: retired, so not
    /// in `headcount`, until their record is updated.
    public var retired: Int

    private enum CodingKeys: String, CodingKey {
        case level, id, code, name, unitID, unitCode, agencyID, agencyCode, positionKind, educationMismatches, rotationDue, retired
    }

    init(level: BalanceLevel, id: UUID, code: String, name: String, unitID: UUID? = nil, unitCode: String? = nil,
         agencyID: UUID? = nil, agencyCode: String? = nil, positionKind: String? = nil) {
        self.level = level; self.id = id; self.code = code; self.name = name; self.unitID = unitID
        self.unitCode = unitCode; self.agencyID = agencyID; self.agencyCode = agencyCode
        self.positionKind = positionKind; figures = .zero; educationMismatches = 0; rotationDue = 0; retired = 0
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.decode(BalanceLevel.self, forKey: .level)
        id = try c.decode(UUID.self, forKey: .id)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        unitID = try c.decodeIfPresent(UUID.self, forKey: .unitID)
        unitCode = try c.decodeIfPresent(String.self, forKey: .unitCode)
        agencyID = try c.decodeIfPresent(UUID.self, forKey: .agencyID)
        agencyCode = try c.decodeIfPresent(String.self, forKey: .agencyCode)
        positionKind = try c.decodeIfPresent(String.self, forKey: .positionKind)
        educationMismatches = try c.decode(Int.self, forKey: .educationMismatches)
        rotationDue = try c.decode(Int.self, forKey: .rotationDue)
        retired = try c.decode(Int.self, forKey: .retired)
        figures = try StaffingBalance(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(unitID, forKey: .unitID)
        try c.encodeIfPresent(unitCode, forKey: .unitCode)
        try c.encodeIfPresent(agencyID, forKey: .agencyID)
        try c.encodeIfPresent(agencyCode, forKey: .agencyCode)
        try c.encodeIfPresent(positionKind, forKey: .positionKind)
        try c.encode(educationMismatches, forKey: .educationMismatches)
        try c.encode(rotationDue, forKey: .rotationDue)
        try c.encode(retired, forKey: .retired)
        try figures.encode(to: encoder)
    }
}

/// One page of balance rows at a level, with the totals over everything the caller may see.
public struct BalanceReport: Codable, Sendable {
    public var level: BalanceLevel
    /// The day the figures are computed for.
    public var asOf: CalendarDate
    /// Employees retiring within this many months are not counted as current.
    public var horizonMonths: Int
    public var totals: BalanceRow
    public var items: [BalanceRow]
    public var total: Int
    public var limit: Int
    public var offset: Int
}

/// An employee and the post they hold.
public struct PostHolder: Codable, Sendable, Equatable {
    public var employeeID: UUID
    public var nip: String
    public var name: String
    public var slotID: UUID
    public var slotCode: String
    public var slotName: String
    public var unitID: UUID
    public var unitCode: String
    public var agencyID: UUID
    public var agencyCode: String
}

/// An employee retiring within the horizon: the coming vacancy.
public struct RetiringEmployee: Codable, Sendable, Equatable {
    public var employee: PostHolder
    public var positionKind: String
    public var retirementAge: Int
    public var retirementDate: CalendarDate
    public var monthsToRetirement: Int
    /// The retirement date has passed: the employee no longer counts in the headcount.
    public var retired: Bool
}

/// An employee whose education field is not among their slot's fields.
public struct EducationMismatch: Codable, Sendable, Equatable {
    public var employee: PostHolder
    public var educationField: String
    public var slotEducationFields: [String]
}

/// An employee more than five years in the same post.
public struct RotationDue: Codable, Sendable, Equatable {
    public var employee: PostHolder
    public var slotSince: CalendarDate
    public var monthsInPost: Int
}

/// A page of one of the balance's employee lists, with the day and horizon it was computed for.
public struct BalanceList<Item: Codable & Sendable>: Codable, Sendable {
    public var asOf: CalendarDate
    public var horizonMonths: Int?
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int
}

/// The sizes of the balance's employee lists on one day.
public struct BalanceListCounts: Codable, Sendable, Equatable {
    public var asOf: CalendarDate
    public var horizonMonths: Int
    public var retiring: Int
    public var educationMismatches: Int
    public var rotationDue: Int
}
