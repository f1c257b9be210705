import Foundation
import MutasiDomain
import MutasiServices

/// `/saya/usulan`: the moves proposed to the employee in plans under review, each with its
/// explanation, the answer deadline, the answer given and the form to accept or object.
enum ProposedMovePage {
    /// A refused answer: the plan it was for, the message and what was entered.
    struct Refused {
        var planID: UUID
        var message: FormMessage
        var answer: String?
        var reason: String?
    }

    static func kindName(_ move: PlanMove) -> String {
        if move.kind == "voluntary" {
            return move.wishRank.map { "Sesuai permohonan Anda (pilihan ke-\($0 + 1))" } ?? "Sesuai permohonan Anda"
        }
        return "Penugasan (mutasi wajib)"
    }

    static func answerText(_ answer: MoveAnswer) -> HTML {
        var text: HTML = answer.answer == .accept
            ? "<p><strong>Jawaban Anda: setuju</strong> (\(EmployeePageFormat.day(answer.answeredAt)))</p>"
            : "<p><strong>Jawaban Anda: keberatan</strong> (\(EmployeePageFormat.day(answer.answeredAt)))</p><p>\(answer.reason ?? "")</p>"
        if let decision = answer.decision {
            let word = decision == .upheld ? "Keberatan diterima" : "Keberatan ditolak"
            text = "\(text)<p><strong>\(word)</strong>\(answer.decisionNote.map { ": \($0)" } ?? "")</p>"
        }
        return text
    }

    static func render(_ moves: [MoveAnswerService.ProposedMove], principal: Principal, csrf: String, flash: String? = nil,
                       refused: Refused? = nil) -> HTML {
        let items = moves.map { proposed -> HTML in
            let move = proposed.move
            let here = refused?.planID == proposed.planID ? refused : nil
            let answer = here?.answer ?? move.answer?.answer.rawValue
            let reason = here?.reason ?? move.answer?.reason ?? ""
            let id = proposed.planID.uuidString.lowercased()
            let deadline: HTML = proposed.answerDeadline.map { date -> HTML in "<p>Batas waktu jawaban: <strong>\(EmployeePageFormat.moment(date))</strong></p>" }
                ?? .empty
            let open = proposed.answerDeadline.map { $0 > Date() } ?? false
            let checked = { (value: String) -> HTML in answer == value ? " checked" : "" }
            let form: HTML = open ? """
                <form method="post" action="/saya/usulan" class="stacked">
                <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
                <input type="hidden" name="rencana" value="\(id)">
                <input type="hidden" name="versi" value="\(move.answer.map { String($0.version) } ?? "")">
                <fieldset><legend>Jawaban Anda</legend>
                <label class="option"><input type="radio" name="jawaban" value="accept"\(checked("accept"))> Setuju</label>
                <label class="option"><input type="radio" name="jawaban" value="object"\(checked("object"))> Keberatan</label>
                </fieldset>
                <label for="alasan-\(id)">Alasan keberatan (10 sampai 1.000 karakter; kosongkan bila setuju)</label>
                <textarea id="alasan-\(id)" name="alasan" rows="3" maxlength="1000">\(reason)</textarea>
                <button type="submit" class="primary">\(move.answer == nil ? "Kirim jawaban" : "Ubah jawaban")</button>
                </form>
                """ : "<p>Batas waktu jawaban sudah lewat; jawaban tidak dapat diubah.</p>"
            return """
                <section class="card" aria-labelledby="rencana-\(id)">
                <h2 id="rencana-\(id)">\(proposed.planName)</h2>
                \(here?.message.html ?? .empty)
                <dl class="record">
                <dt>Jabatan sekarang</dt><dd>\(move.fromSlot)</dd>
                <dt>Jabatan yang diusulkan</dt><dd>\(move.toSlot)</dd>
                <dt>Jenis</dt><dd>\(kindName(move))</dd>
                </dl>
                <h3>Penjelasan</h3>
                <p>\(move.explanation)</p>
                \(deadline)
                \(move.answer.map(answerText) ?? "<p>Anda belum menjawab usulan ini.</p>")
                \(form)
                </section>
                """
        }
        let content: HTML = items.isEmpty
            ? "<p>Saat ini tidak ada usulan mutasi untuk Anda dalam rencana yang sedang ditinjau.</p>"
            : "\(items)"
        return Layout.page(title: "Usulan mutasi", principal: principal, csrf: csrf, current: "/saya/usulan", body: """
            <p><a href="/saya">← Kembali ke data saya</a></p>
            <h1>Usulan mutasi</h1>
            \(FlashMessage.html(flash))
            \(content)
            """)
    }
}
