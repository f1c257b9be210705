import Foundation
import MutasiDomain
import MutasiServices

/// The settings forms read into the services' changes. Only the shape is checked here (a number
/// is a number, a choice is one of the choices); the services check the values.
enum SettingsInput {
    static let grades = ["a", "b", "c", "d"]
    static let planNumbers = ["horizonMonths", "minMonthsInPosition", "minPerformance", "maxTrainableGap", "fitWeight",
                              "wishBonus", "wishStep", "compulsoryCost", "stayCost", "ignoredWishCost"]

    /// `effectiveWorkingMinutes`, `rounding`, `efficiencyThresholds.a`..`d` with
    /// `efficiencyThresholds.a.inclusive` (`ya`/`tidak`); decimals may use a comma.
    static func needs(_ form: WebForm) throws -> NeedsSettingsService.Changes {
        let minutes = try SettingsWording.integer(form, "effectiveWorkingMinutes")
        func bound(_ grade: String) -> ThresholdsForm.BoundForm {
            let name = "efficiencyThresholds.\(grade)"
            let inclusive = form["\(name).inclusive"].map { $0 != "tidak" }
            return .init(min: DecimalInput(WebStep.text(form, name).replacingOccurrences(of: ",", with: ".")), inclusive: inclusive)
        }
        return NeedsSettingsService.Changes(
            effectiveWorkingMinutes: minutes, rounding: WebStep.text(form, "rounding"),
            efficiencyThresholds: ThresholdsForm(a: bound("a"), b: bound("b"), c: bound("c"), d: bound("d")))
    }

    /// Every field of the default plan policy, named as the API names them.
    static func plan(_ form: WebForm) throws -> PlanPolicy.Overrides {
        var numbers: [String: Int] = [:]
        for name in planNumbers { numbers[name] = try SettingsWording.integer(form, name) }
        guard let scope = PlanPolicy.Scope(rawValue: WebStep.text(form, "scope")) else {
            throw DomainError.invalid("web.choice_invalid", "Jangkauan mutasi: pilih salah satu pilihan.", field: "scope")
        }
        guard let mode = PlanPolicy.Mode(rawValue: WebStep.text(form, "mode")) else {
            throw DomainError.invalid("web.choice_invalid", "Mode rencana: pilih salah satu pilihan.", field: "mode")
        }
        return PlanPolicy.Overrides(
            horizonMonths: numbers["horizonMonths"], minMonthsInPosition: numbers["minMonthsInPosition"],
            minPerformance: numbers["minPerformance"], maxTrainableGap: numbers["maxTrainableGap"], scope: scope, mode: mode,
            fitWeight: numbers["fitWeight"], wishBonus: numbers["wishBonus"], wishStep: numbers["wishStep"],
            compulsoryCost: numbers["compulsoryCost"], stayCost: numbers["stayCost"], ignoredWishCost: numbers["ignoredWishCost"])
    }

    /// The decree settings; the lists one item a line, `perAgency` `instansi` or `rencana`.
    static func decree(_ form: WebForm) throws -> DecreeSettings.Changes {
        var changes = DecreeSettings.Changes()
        switch WebStep.text(form, "perAgency") {
        case "instansi": changes.perAgency = true
        case "rencana": changes.perAgency = false
        default: throw DomainError.invalid("web.choice_invalid", "Satu SK untuk: pilih rencana atau instansi.", field: "perAgency")
        }
        changes.numberPattern = WebStep.text(form, "numberPattern")
        changes.regionHead = WebStep.text(form, "regionHead")
        changes.placeOfSigning = WebStep.text(form, "placeOfSigning")
        changes.signatoryName = WebStep.text(form, "signatoryName")
        changes.signatoryTitle = WebStep.text(form, "signatoryTitle")
        changes.signatoryNIP = WebStep.text(form, "signatoryNIP")
        changes.considerations = SettingsWording.lines(form, "considerations")
        changes.legalBases = SettingsWording.lines(form, "legalBases")
        changes.copies = SettingsWording.lines(form, "copies")
        return changes
    }
}
