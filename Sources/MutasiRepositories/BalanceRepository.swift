import Foundation
import MutasiDomain

/// What a balance covers: the tenant's slots (only those of `agencyIDs` and `unitID` when given),
/// on `asOf`, with a retirement horizon of `months` and the tenant's retirement ages.
public struct BalanceScope: Sendable {
    public var tenantID: UUID
    public var agencyIDs: [UUID]?
    public var unitID: UUID?
    public var asOf: CalendarDate
    public var months: Int
    public var ages: RetirementAgeTable
    public init(tenantID: UUID, agencyIDs: [UUID]?, unitID: UUID?, asOf: CalendarDate, months: Int, ages: RetirementAgeTable) {
        self.tenantID = tenantID; self.agencyIDs = agencyIDs; self.unitID = unitID; self.asOf = asOf
        self.months = months; self.ages = ages
    }
}

/// What the balance's rows are grouped by.
public enum BalanceGrouping: Sendable {
    case slot, unit, agency
}

/// The counts of a set of slots: need against staff, and how many of its holders are education
/// mismatches, due for rotation, or retired but still recorded in the slot.
public struct BalanceCounts: Sendable, Equatable {
    public var figures: StaffingBalance
    public var educationMismatches: Int
    public var rotationDue: Int
    public var retired: Int
    public init(figures: StaffingBalance, educationMismatches: Int, rotationDue: Int, retired: Int) {
        self.figures = figures; self.educationMismatches = educationMismatches; self.rotationDue = rotationDue
        self.retired = retired
    }
}

/// One slot, unit or agency with its counts. Slots carry their unit, agency and position kind;
/// units their agency.
public struct BalanceGroupRecord: Sendable, Equatable {
    public var id: UUID, code: String, name: String
    public var unitID: UUID?, unitCode: String?, agencyID: UUID?, agencyCode: String?, positionKind: String?
    public var counts: BalanceCounts
    public init(id: UUID, code: String, name: String, unitID: UUID?, unitCode: String?, agencyID: UUID?,
                agencyCode: String?, positionKind: String?, counts: BalanceCounts) {
        self.id = id; self.code = code; self.name = name; self.unitID = unitID; self.unitCode = unitCode
        self.agencyID = agencyID; self.agencyCode = agencyCode; self.positionKind = positionKind; self.counts = counts
    }
}

/// A page of groups with the counts of the whole scope and the number of groups in it.
public struct BalanceGroupPage: Sendable {
    public var totals: BalanceCounts
    public var items: [BalanceGroupRecord]
    public var total: Int
    public init(totals: BalanceCounts, items: [BalanceGroupRecord], total: Int) {
        self.totals = totals; self.items = items; self.total = total
    }
}

/// The balance's employee lists.
public enum BalanceEmployeeList: Sendable {
    /// Retired or retiring within the horizon, by retirement date and NIP.
    case retiring
    /// Education field not among the slot's fields, by NIP.
    case educationMismatches
    /// More than five years in the post, by `slotSince` and NIP.
    case rotationDue
}

/// A slot as the balance's employee lists show it.
public struct BalanceSlotRecord: Sendable, Equatable {
    public var slotID: UUID
    public var slotCode: String
    public var slotName: String
    public var positionKind: String
    public var educationFields: [String]
    public var need: Int
    public var unitID: UUID
    public var unitCode: String
    public var unitName: String
    public var agencyID: UUID
    public var agencyCode: String
    public var agencyName: String
    public init(slotID: UUID, slotCode: String, slotName: String, positionKind: String, educationFields: [String],
                need: Int, unitID: UUID, unitCode: String, unitName: String, agencyID: UUID, agencyCode: String,
                agencyName: String) {
        self.slotID = slotID; self.slotCode = slotCode; self.slotName = slotName; self.positionKind = positionKind
        self.educationFields = educationFields; self.need = need; self.unitID = unitID; self.unitCode = unitCode
        self.unitName = unitName; self.agencyID = agencyID; self.agencyCode = agencyCode; self.agencyName = agencyName
    }
}

/// An employee holding a slot, as the balance's employee lists show them.
public struct BalanceEmployeeRecord: Sendable, Equatable {
    public var employeeID: UUID
    public var nip: String
    public var name: String
    public var slotID: UUID
    public var slotSince: CalendarDate
    public var birthDate: CalendarDate
    public var educationField: String
    public init(employeeID: UUID, nip: String, name: String, slotID: UUID, slotSince: CalendarDate,
                birthDate: CalendarDate, educationField: String) {
        self.employeeID = employeeID; self.nip = nip; self.name = name; self.slotID = slotID
        self.slotSince = slotSince; self.birthDate = birthDate; self.educationField = educationField
    }
}

/// One entry of an employee list: the employee and the slot they hold.
public struct BalanceHolderRecord: Sendable, Equatable {
    public var employee: BalanceEmployeeRecord
    public var slot: BalanceSlotRecord
    public init(employee: BalanceEmployeeRecord, slot: BalanceSlotRecord) { self.employee = employee; self.slot = slot }
}

/// Computes the balance in the database, within the transaction's tenant: only the rows a page
/// needs come back, whatever the tenant's size.
public protocol BalanceRepository: Sendable {
    /// The counts of every slot in scope together.
    func totals(_ scope: BalanceScope) async throws -> BalanceCounts
    /// One page of the groups, by agency, unit and slot code, with the totals.
    func groups(_ scope: BalanceScope, by grouping: BalanceGrouping, limit: Int, offset: Int) async throws -> BalanceGroupPage
    /// One page of an employee list and the list's length.
    func employees(_ scope: BalanceScope, list: BalanceEmployeeList, limit: Int, offset: Int) async throws
        -> (items: [BalanceHolderRecord], total: Int)
}
