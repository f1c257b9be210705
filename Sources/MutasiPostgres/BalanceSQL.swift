import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The balance as SQL, so that a tenant of any size answers with one page. The day-dependent
/// rules become thresholds worked out once per statement, so that each employee costs a few
/// comparisons:
///
/// - `RetirementAgeTable.retirementDate` is the first day of the month after the birthday at age
///   A, so it is on or before `asOf` exactly when the birth date is before the first of `asOf`'s
///   month, A years earlier (`retired_before`).
/// - "retired, or at most `months` whole months to retirement" (`wholeMonths` from `asOf` to a
///   first of a month) holds exactly when retirement falls on or before L, the first of `asOf`'s
///   month plus `months` months (plus one when `asOf` is not a first): the birth date is before
///   L, A years earlier (`listed_before`).
/// - `PostTenure.isRotationDue` (five years later is before `asOf`) holds exactly when the post
///   began before `asOf` five years earlier, the day after when `asOf` is 29 February (a 28
///   February start then reaches its fifth anniversary on 28 February).
/// - `EducationFields.fits`: no fields, or the same text, or the same once both are lower-cased
///   with full Unicode mappings and normalised (NFC), as `String.lowercased()` and `==` compare;
///   the costly fold runs only when the plain comparison fails.
///
/// `BalanceSQLTests` compares every level and list with the rules in memory.
enum BalanceSQL {
    /// A text as `String.lowercased()` and `==` compare it.
    private static func folded(_ text: String) -> String {
        "normalize(lower(\(text) COLLATE \"und-x-icu\"), NFC)"
    }

    /// The scope's CTEs: `page` (limit, offset and tenant; first, so that the limit and offset
    /// are `$1` and `$2` and a body's plain `LIMIT $1 OFFSET $2` lets the planner see a page of
    /// rows), `ages` (per position kind, the birth dates before which a holder is retired, or
    /// listed as retiring), `sl` (the slots in scope with their unit, agency and thresholds),
    /// `em` (their holders, with the flags the figures and lists count) and `ps` (each slot's
    /// counts). Only what a statement reads is computed.
    static func scoped(_ scope: BalanceScope, limit: Int = 0, offset: Int = 0, _ body: String) -> PostgresQuery {
        let kinds = PositionKind.allCases
        let names = kinds.map(\.rawValue), ages = kinds.map { scope.ages.age(for: $0) }
        let asOf = scope.asOf.iso
        return """
            WITH page (lim, off, tenant_id) AS (SELECT \(limit)::bigint, \(offset)::bigint, \(scope.tenantID)::uuid),
            ages (kind, age, retired_before, listed_before) AS (
                SELECT kind, age, (date_trunc('month', \(asOf)::date::timestamp) - make_interval(years => age))::date,
                       (date_trunc('month', \(asOf)::date::timestamp)
                        + make_interval(months => \(scope.months)::int + CASE WHEN extract(day FROM \(asOf)::date) > 1 THEN 1 ELSE 0 END)
                        - make_interval(years => age))::date
                FROM unnest(\(names)::text[], \(ages)::int[]) AS k (kind, age)
            ),
            sl AS NOT MATERIALIZED (
                SELECT s.id, s.code, s.name, s.position_kind, s.education_fields, s.need,
                       u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
                       g.id AS agency_id, g.code AS agency_code, g.name AS agency_name,
                       coalesce(a.age, x.age) AS age, coalesce(a.retired_before, x.retired_before) AS retired_before,
                       coalesce(a.listed_before, x.listed_before) AS listed_before
                FROM slots s
                JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                JOIN agencies g ON g.tenant_id = u.tenant_id AND g.id = u.agency_id
                JOIN ages x ON x.kind = 'executor'
                LEFT JOIN ages a ON a.kind = s.position_kind
                WHERE s.tenant_id = \(scope.tenantID)
                  AND (\(scope.agencyIDs)::uuid[] IS NULL OR g.id = ANY(\(scope.agencyIDs)))
                  AND (\(scope.unitID)::uuid IS NULL OR u.id = \(scope.unitID))
            ),
            em AS NOT MATERIALIZED (
                SELECT sl.*, e.id AS employee_id, e.nip, e.name AS employee_name, e.slot_since, e.birth_date, e.education_field,
                       e.birth_date < sl.retired_before AS retired, e.birth_date < sl.listed_before AS listed,
                       NOT (cardinality(sl.education_fields) = 0 OR e.education_field = ANY(sl.education_fields)
                            OR \(unescaped: folded("e.education_field"))
                               = ANY(ARRAY(SELECT \(unescaped: folded("f")) FROM unnest(sl.education_fields) f))) AS mismatch,
                       e.slot_since < (SELECT (\(asOf)::date - interval '5 years')::date
                                              + CASE WHEN to_char(\(asOf)::date, 'MM-DD') = '02-29' THEN 1 ELSE 0 END) AS rotation_due
                FROM employees e
                JOIN sl ON sl.id = e.slot_id
                WHERE e.tenant_id = \(scope.tenantID)
            ),
            ps AS (
                SELECT sl.*, coalesce(c.headcount, 0) AS headcount, coalesce(c.leaving, 0) AS leaving,
                       coalesce(c.misfits, 0) AS misfits, coalesce(c.due, 0) AS due, coalesce(c.gone, 0) AS gone
                FROM sl LEFT JOIN (
                    SELECT id, count(*) FILTER (WHERE NOT retired) AS headcount,
                           count(*) FILTER (WHERE listed AND NOT retired) AS leaving,
                           count(*) FILTER (WHERE mismatch) AS misfits, count(*) FILTER (WHERE rotation_due) AS due,
                           count(*) FILTER (WHERE retired) AS gone
                    FROM em GROUP BY id
                ) c ON c.id = sl.id
            )
            \(unescaped: body)
            """
    }

    /// The nine counts of a set of `ps` rows, deficit and surplus per slot: slots, need, headcount,
    /// retiring, deficit, surplus, education mismatches, rotations due, retired.
    static let counts = """
        count(*), coalesce(sum(need), 0)::bigint, coalesce(sum(headcount), 0)::bigint, coalesce(sum(leaving), 0)::bigint,
        coalesce(sum(greatest(0, need - (headcount - leaving))), 0)::bigint,
        coalesce(sum(greatest(0, headcount - leaving - need)), 0)::bigint,
        coalesce(sum(misfits), 0)::bigint, coalesce(sum(due), 0)::bigint, coalesce(sum(gone), 0)::bigint
        """

    static let totals = "SELECT \(counts) FROM ps"

    /// The totals, the number of groups and one page of them (none when the page is past the
    /// end), by agency, unit and slot code.
    static func groups(_ grouping: BalanceGrouping) -> String {
        let rows: String
        switch grouping {
        case .slot:
            rows = """
                SELECT id, code, name, unit_id, unit_code, agency_id, agency_code, position_kind, 1::bigint, need::bigint,
                       headcount, leaving, greatest(0, need - (headcount - leaving)), greatest(0, headcount - leaving - need),
                       misfits, due, gone
                FROM ps
                """
        case .unit:
            let keys = "unit_id, unit_code, unit_name, NULL::uuid, NULL::text, agency_id, agency_code, NULL::text"
            rows = "SELECT \(keys), \(counts) FROM ps GROUP BY \(keys)"
        case .agency:
            let keys = "agency_id, agency_code, agency_name, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::text"
            rows = "SELECT \(keys), \(counts) FROM ps GROUP BY \(keys)"
        }
        return """
            , grp (id, code, name, unit_id, unit_code, agency_id, agency_code, position_kind,
                   slots, need, headcount, leaving, deficit, surplus, misfits, due, gone) AS (
                \(rows)
            )
            SELECT tot.*, cnt.total, g.*
            FROM (\(totals)) tot
            CROSS JOIN (SELECT count(*) AS total FROM grp) cnt
            LEFT JOIN LATERAL (
                SELECT * FROM grp ORDER BY agency_code, unit_code, code, id
                LIMIT $1 OFFSET $2
            ) g ON true
            """
    }

    /// The length of an employee list and one page of it: the employee, then the slot. The
    /// list is sorted on narrow rows (ids and keys); only the page's rows are read in full.
    static func employees(_ list: BalanceEmployeeList) -> String {
        let (filter, key) = switch list {
        case .retiring: ("listed", "date_trunc('month', birth_date::timestamp) + make_interval(months => 12 * age + 1)")
        case .educationMismatches: ("mismatch", "NULL::timestamp")
        case .rotationDue: ("rotation_due", "slot_since::timestamp")
        }
        return """
            , hits AS (SELECT employee_id, id AS slot_id, \(key) AS key, nip FROM em WHERE \(filter))
            SELECT cnt.total, h.*
            FROM (SELECT count(*) AS total FROM hits) cnt
            LEFT JOIN LATERAL (
                SELECT e.id, e.nip, e.name, sl.id, to_char(e.slot_since, 'YYYY-MM-DD'), to_char(e.birth_date, 'YYYY-MM-DD'),
                       e.education_field, sl.code, sl.name, sl.position_kind, sl.education_fields, sl.need,
                       sl.unit_id, sl.unit_code, sl.unit_name, sl.agency_id, sl.agency_code, sl.agency_name
                FROM (SELECT * FROM hits ORDER BY key, nip COLLATE "C"
                      LIMIT $1 OFFSET $2) p
                JOIN employees e ON e.tenant_id = (SELECT tenant_id FROM page) AND e.id = p.employee_id
                JOIN sl ON sl.id = p.slot_id
                ORDER BY p.key, p.nip COLLATE "C"
            ) h ON true
            """
    }
}
