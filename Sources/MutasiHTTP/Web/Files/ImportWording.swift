import MutasiServices

/// What the pages call the files, and a problem of an import row in Bahasa Indonesia: the
/// service's messages are the API's (English), so the page words them by their stable code.
enum ImportWording {
    static func fileName(_ file: WorkforceFile) -> String {
        switch file {
        case .units: "Unit kerja"
        case .slots: "Formasi jabatan"
        case .employees: "Pegawai"
        }
    }

    static func fileAbout(_ file: WorkforceFile) -> String {
        switch file {
        case .units: "Kode unit, nama unit, kode instansi, kode wilayah, terpencil."
        case .slots: "Formasi per unit: kode jabatan, nama, jenis, rentang golongan, bidang pendidikan, kompetensi, kebutuhan."
        case .employees: "NIP, jenis ASN, nama, golongan, pendidikan, penempatan (kode unit dan kode jabatan), SKP, kunci."
        }
    }

    /// Codes whose wording is fixed; others are worded by the kind their code ends with.
    static let exact: [String: String] = [
        "csv.missing_column": "Kolom wajib ini tidak ada di baris judul.",
        "csv.unknown_column": "Kolom ini tidak dikenal; periksa ejaan judul kolom.",
        "csv.duplicate_column": "Judul kolom ini muncul lebih dari sekali.",
        "csv.duplicate_key": "Kode atau NIP ini sudah muncul di baris lain berkas yang sama.",
        "csv.empty": "Berkas kosong: baris judul tidak ditemukan.",
        "csv.unterminated_quote": "Tanda petik tidak ditutup.",
        "csv.invalid_boolean": "Isi dengan ya atau tidak.",
        "csv.invalid_value": "Isian tidak dapat dibaca.",
        "agency.not_found": "Tidak ada instansi dengan kode ini.",
        "unit.not_found": "Tidak ada unit kerja dengan kode ini; impor unit kerja terlebih dahulu.",
        "slot.not_found": "Unit kerja ini tidak memiliki formasi dengan kode ini; impor formasi terlebih dahulu.",
        "unit.region_outside_tenant": "Kode wilayah berada di luar wilayah pemerintah daerah ini.",
        "region_code.invalid": "Kode wilayah tidak valid.",
        "region_code.required": "Kode wilayah wajib diisi.",
        "employee.slot_incomplete": "Isi kode unit dan kode jabatan bersama-sama, atau kosongkan keduanya.",
        "employee.birth_date_mismatch": "Tanggal lahir tidak sesuai dengan NIP.",
        "employee.sex_mismatch": "Jenis kelamin tidak sesuai dengan NIP.",
        "employee.slot_since_required": "TMT jabatan wajib diisi untuk pegawai yang menempati formasi.",
        "employee.slot_since_too_early": "TMT jabatan lebih awal daripada yang mungkin menurut tanggal lahir.",
        "employee.slot_since_without_slot": "TMT jabatan hanya diisi untuk pegawai yang menempati formasi.",
        "employee.lock_reason_required": "Pegawai yang dikunci memerlukan alasan kunci.",
        "employee.lock_reason_too_long": "Alasan kunci terlalu panjang.",
        "slot.grade_range_inverted": "Golongan minimum lebih tinggi daripada golongan maksimum.",
        "slot.invalid_need": "Kebutuhan harus bilangan bulat.",
        "slot.need_reason_required": "Kebutuhan yang berbeda dari hasil analisis memerlukan alasan.",
        "slot.need_reason_too_short": "Alasan kebutuhan terlalu pendek.",
        "slot.need_reason_too_long": "Alasan kebutuhan terlalu panjang.",
        "slot.need_reason_without_need": "Alasan kebutuhan hanya diisi bersama kebutuhan.",
        "grade.invalid": "Golongan tidak dikenal (contoh: III/a).",
        "grade.out_of_range": "Golongan di luar rentang yang diperbolehkan.",
        "position_kind.invalid": "Jenis jabatan tidak dikenal.",
        "civil_servant_kind.invalid": "Jenis ASN tidak dikenal (PNS atau PPPK).",
        "education_level.invalid": "Jenjang pendidikan tidak dikenal.",
        "education_field.too_long": "Bidang pendidikan terlalu panjang.",
        "sex.invalid": "Jenis kelamin diisi L atau P.",
        "date.invalid": "Tanggal tidak ada di kalender.",
        "date.invalid_format": "Tanggal ditulis TTTT-BB-HH, misalnya 2016-01-31.",
        "performance.invalid_format": "SKP ditulis tahun:nilai, dipisah |.",
        "performance.invalid_year": "Tahun SKP tidak valid.",
        "performance.future_year": "Tahun SKP belum tiba.",
        "performance.duplicate_year": "Tahun SKP yang sama tercantum dua kali.",
        "competency.invalid_format": "Kompetensi ditulis kode:tingkat, dipisah |.",
        "competency.invalid_code": "Kode kompetensi tidak valid.",
        "competency.invalid_level": "Tingkat kompetensi di luar rentang.",
        "competency.duplicate": "Kompetensi yang sama tercantum dua kali.",
        "nip.invalid_start_month": "Bulan pengangkatan dalam NIP tidak valid.",
    ]

    /// Endings shared by the checks of codes, names and numbers (`unit_code.required`, ...).
    static let endings: [(String, String)] = [
        (".required", "Wajib diisi."),
        (".too_long", "Isian terlalu panjang."),
        (".invalid_characters", "Isian memuat karakter yang tidak diperbolehkan."),
        (".invalid_length", "Jumlah digit tidak sesuai."),
        (".invalid_birth_date", "Tanggal lahir dalam NIP tidak valid."),
        (".invalid_sex", "Kode jenis kelamin dalam NIP tidak valid."),
        (".invalid_sequence", "Nomor urut dalam NIP tidak valid."),
        (".scientific_notation", "Angka tertulis dalam notasi ilmiah (misalnya 1,98E+17) karena Excel; simpan kolom sebagai teks atau gunakan .xlsx."),
        (".invalid", "Isian tidak valid."),
    ]

    static func message(_ issue: ImportIssue) -> String {
        if let text = exact[issue.code] { return text }
        if let ending = endings.first(where: { issue.code.hasSuffix($0.0) }) { return ending.1 }
        return "Isian tidak dapat diterima."
    }
}
