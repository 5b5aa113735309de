/**
 * The drizzle schema: the one description of every table. Migrations in db/ are generated
 * from it (npm run db:generate); append-only triggers live in a custom migration.
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const kecamatan = sqliteTable('kecamatan', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const kelurahan = sqliteTable(
  'kelurahan',
  {
    code: text('code').primaryKey(),
    kecamatanCode: text('kecamatan_code')
      .notNull()
      .references(() => kecamatan.code),
    name: text('name').notNull(),
    /** The office on its documents (letterhead, signatures): empty until the admin fills it in. */
    address: text('address'),
    /** Short code in document numbers, e.g. PLB in 007/SPJ/RT001-RW001/PLB/XI/2026. */
    officeCode: text('office_code'),
    lurahName: text('lurah_name'),
    lurahNip: text('lurah_nip'),
    bendaharaName: text('bendahara_name'),
    bendaharaNip: text('bendahara_nip'),
  },
  (t) => [index('kelurahan_kecamatan_idx').on(t.kecamatanCode)],
);

export const rw = sqliteTable(
  'rw',
  {
    id: integer('id').primaryKey(),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    number: integer('number').notNull(),
  },
  (t) => [uniqueIndex('rw_kelurahan_number_uq').on(t.kelurahanCode, t.number)],
);

export const rt = sqliteTable(
  'rt',
  {
    id: integer('id').primaryKey(),
    rwId: integer('rw_id')
      .notNull()
      .references(() => rw.id),
    /** Denormalised from rw so that scoping a query by kelurahan needs no join. */
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    number: integer('number').notNull(),
    chairName: text('chair_name').notNull(),
    secretaryName: text('secretary_name'),
    treasurerName: text('treasurer_name'),
    bankAccount: text('bank_account').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The grantee's kind: an RT, or the RW itself (number 0 under its RW, shown as "RW 001"). */
    kind: text('kind', { enum: ['rt', 'rw'] }).notNull().default('rt'),
    /** The programme that pays it: OPS (Perwal 32/2025), or one configured in the year's settings (e.g. PKK). */
    programme: text('programme').notNull().default('OPS'),
  },
  (t) => [
    uniqueIndex('rt_rw_number_uq').on(t.rwId, t.number, t.programme),
    index('rt_kelurahan_idx').on(t.kelurahanCode),
    index('rt_bank_account_idx').on(t.bankAccount),
    check('rt_bank_account_10_digits', sql`length(${t.bankAccount}) = 10 AND ${t.bankAccount} NOT GLOB '*[^0-9]*'`),
  ],
);

export const programmeYear = sqliteTable(
  'programme_year',
  {
    year: integer('year').primaryKey(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    allocationPerRt: integer('allocation_per_rt').notNull(),
    disbursementMode: text('disbursement_mode', { enum: ['monthly', 'staged'] }).notNull(),
    /** JSON: the rest of the year's rules (categories, limits, stages, forbidden uses). */
    rules: text('rules').notNull(),
    spjDueDay: integer('spj_due_day').notNull(),
    finalReportDue: text('final_report_due').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    check('programme_year_allocation_positive', sql`${t.allocationPerRt} > 0`),
    check('programme_year_dates', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/**
 * Every version of a programme year's settings (append-only): the version in force on a date is
 * the newest whose effective_from is on or before it. The programme_year row holds the newest.
 */
export const programmeYearVersions = sqliteTable(
  'programme_year_versions',
  {
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    /** JSON: every setting of the year but its number and status. */
    settings: text('settings').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('programme_year_versions_uq').on(t.year, t.version), check('programme_year_versions_positive', sql`${t.version} > 0`)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['undrawn', 'transit', 'cash', 'spending', 'appropriation', 'returned', 'lapsed'] }).notNull(),
    rtId: integer('rt_id').references(() => rt.id),
    category: text('category'),
    /** Cache of SUM(postings.amount); kept in the posting transaction, checked by verify. */
    balance: integer('balance').notNull().default(0),
  },
  (t) => [uniqueIndex('accounts_year_name_uq').on(t.year, t.name), index('accounts_rt_idx').on(t.rtId)],
);

export const journalEntries = sqliteTable(
  'journal_entries',
  {
    id: integer('id').primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    eventType: text('event_type').notNull(),
    eventRef: text('event_ref').notNull(),
    description: text('description').notNull(),
    actor: text('actor').notNull(),
    occurredOn: text('occurred_on').notNull(),
    recordedAt: text('recorded_at').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    reversesEntryId: integer('reverses_entry_id'),
    reason: text('reason'),
    postingCount: integer('posting_count').notNull(),
    debitTotal: integer('debit_total').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** The canonical form the hash covers (src/domain/ledger/hash-chain.ts): 1 before facts, 2 with them. */
    version: integer('version').notNull().default(1),
    /** JSON of the business facts the entry rests on (entry-facts.ts); version 2 only, else null. */
    facts: text('facts'),
  },
  (t) => [
    uniqueIndex('journal_idempotency_uq').on(t.idempotencyKey),
    uniqueIndex('journal_reverses_uq').on(t.reversesEntryId),
    uniqueIndex('journal_hash_uq').on(t.hash),
    index('journal_year_idx').on(t.year),
    index('journal_event_idx').on(t.eventType, t.eventRef),
    check('journal_posting_count', sql`${t.postingCount} >= 2`),
    check('journal_debit_total', sql`${t.debitTotal} > 0`),
    check('journal_version', sql`${t.version} IN (1, 2)`),
  ],
);

export const postings = sqliteTable(
  'postings',
  {
    id: integer('id').primaryKey(),
    entryId: integer('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    amount: integer('amount').notNull(),
  },
  (t) => [
    index('postings_entry_idx').on(t.entryId),
    // Covering index: a balance GROUP BY reads only this index.
    index('postings_account_amount_idx').on(t.accountId, t.amount),
    check('postings_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    kelurahanCode: text('kelurahan_code'),
    kecamatanCode: text('kecamatan_code'),
    /** JSON {before, after}: a summary, never a password or a token. */
    summary: text('summary').notNull(),
    ip: text('ip'),
    /**
     * The hash chain over the audit log (src/domain/audit/audit-chain.ts): the previous row's
     * hash and SHA-256(prevHash + "\n" + canonical(row)). NULL only for rows written before the
     * chain began; the chain's first row (audit.seal) holds their count and digest.
     */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action),
    index('audit_actor_idx').on(t.actorName),
    index('audit_kelurahan_idx').on(t.kelurahanCode),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'] }).notNull(),
    kelurahanCode: text('kelurahan_code').references(() => kelurahan.code),
    rtId: integer('rt_id').references(() => rt.id),
    /** JSON array of kecamatan codes for an auditor (NULL = the whole city); a camat's one kecamatan. */
    kecamatanCodes: text('kecamatan_codes'),
    /** A civil servant's NIP (18 digits), printed with the name on each step they take. */
    nip: text('nip'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    check(
      'users_scope',
      sql`(${t.role} IN ('bendahara', 'lurah') AND ${t.kelurahanCode} IS NOT NULL) OR (${t.role} IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt') AND ${t.rtId} IS NOT NULL) OR (${t.role} = 'camat' AND ${t.kecamatanCodes} IS NOT NULL) OR ${t.role} IN ('admin', 'auditor', 'bpkad', 'pengawas')`,
    ),
    check('users_nip_18_digits', sql`${t.nip} IS NULL OR (length(${t.nip}) = 18 AND ${t.nip} NOT GLOB '*[^0-9]*')`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a stolen database does not yield live cookies. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    flash: text('flash'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Content-addressed evidence files (berita acara, receipts): the bytes live on disk under their
 * SHA-256. A photo also carries its fingerprint (src/app/image-fingerprint.ts): the SHA-256 of its
 * decoded pixels (the same picture in other bytes is a duplicate) and its 64-bit perceptual hash,
 * stored whole and as four 16-bit bands, each indexed, so a near-duplicate is found by exact
 * lookups (src/domain/evidence/perceptual-hash.ts). Null for a PDF, and for a file stored before
 * fingerprints were kept.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    sha256: text('sha256').primaryKey(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    createdAt: text('created_at').notNull(),
    pixelSha256: text('pixel_sha256'),
    phash: text('phash'),
    phashBand0: integer('phash_band0'),
    phashBand1: integer('phash_band1'),
    phashBand2: integer('phash_band2'),
    phashBand3: integer('phash_band3'),
  },
  (t) => [
    index('evidence_files_pixel_idx').on(t.pixelSha256),
    index('evidence_files_phash_band0_idx').on(t.phashBand0, t.phash),
    index('evidence_files_phash_band1_idx').on(t.phashBand1, t.phash),
    index('evidence_files_phash_band2_idx').on(t.phashBand2, t.phash),
    index('evidence_files_phash_band3_idx').on(t.phashBand3, t.phash),
  ],
);

/**
 * The distinct files each RT's records of a year hold, with their sizes: its evidence quota is one
 * range of this table. Kept by triggers on receipt_files, plans and plan_documents (db/0032, custom
 * SQL, WITHOUT ROWID); `verify` holds it to the records (evidence-quota.ts).
 */
export const evidenceUsage = sqliteTable(
  'evidence_usage',
  {
    rtId: integer('rt_id').notNull(),
    year: integer('year').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rtId, t.year, t.sha256] })],
);

/**
 * One row: a counter moved by triggers whenever a programme year's row or settings versions change
 * (db/0033, custom SQL); the server keeps the years it read while it stands still.
 */
export const yearSettingsEpoch = sqliteTable('year_settings_epoch', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull(),
});

export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'rejected', 'approved', 'superseded'] }).notNull(),
    beritaAcaraSha256: text('berita_acara_sha256').references(() => evidenceFiles.sha256),
    beritaAcaraName: text('berita_acara_name'),
    total: integer('total').notNull().default(0),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: text('submitted_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    note: text('note'),
    /** Why a revision (version 2 and later) changes the approved plan, as the chair wrote it. */
    revisionReason: text('revision_reason'),
    /**
     * JSON: the dossier items required when the plan was submitted (kind → minimum number of
     * files, src/domain/grants/dossier.ts). NULL for a plan never submitted, or submitted before
     * the dossier was asked for: verify holds a submitted plan to what its submission required.
     */
    dossierRequired: text('dossier_required'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('plans_rt_year_version_uq').on(t.rtId, t.year, t.version),
    index('plans_status_idx').on(t.status),
  ],
);

/**
 * The plans submitted before the dossier was asked for, listed once by migration 0028 (closed by
 * triggers): the only submitted plans without a recorded dossier requirement (verify-dossier.ts).
 */
export const preDossierPlans = sqliteTable('pre_dossier_plans', {
  planId: integer('plan_id')
    .primaryKey()
    .references(() => plans.id),
  status: text('status').notNull(),
  submittedAt: text('submitted_at'),
  recordedAt: text('recorded_at').notNull(),
});

/**
 * The dossier files of a plan version (all but the berita acara, which is the plan's own column
 * and the RAP, which is made from its lines). Rows are never deleted; a file replaced or removed
 * while the plan is a draft or returned is marked withdrawn (audited), and once the plan is
 * submitted nothing changes (triggers in db/0015).
 */
export const planDocuments = sqliteTable(
  'plan_documents',
  {
    id: integer('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    kind: text('kind').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceFiles.sha256),
    originalName: text('original_name').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: text('uploaded_at').notNull(),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('plan_documents_plan_idx').on(t.planId, t.kind), index('plan_documents_sha_idx').on(t.sha256)],
);

export const planLines = sqliteTable(
  'plan_lines',
  {
    id: integer('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [index('plan_lines_plan_idx').on(t.planId), check('plan_lines_amount_positive', sql`${t.amount} > 0`)],
);

export const tranches = sqliteTable(
  'tranches',
  {
    id: integer('id').primaryKey(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    mode: text('mode', { enum: ['monthly', 'staged'] }).notNull(),
    /** The RBB month (YYYY-MM) in monthly mode; the stage number in staged mode. */
    period: text('period').notNull(),
    amount: integer('amount').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'returned', 'rejected', 'paid', 'reversed'] }).notNull(),
    /** NULL when recorded by an import or the demo seed rather than by a signed-in chair. */
    requestedBy: integer('requested_by').references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    reason: text('reason'),
    entryId: integer('entry_id').references(() => journalEntries.id),
    reversalEntryId: integer('reversal_entry_id').references(() => journalEntries.id),
    batchId: integer('batch_id'),
    paidAt: text('paid_at'),
    requestKey: text('request_key').notNull(),
  },
  (t) => [
    uniqueIndex('tranches_request_key_uq').on(t.requestKey),
    // One live tranche per RT, year and period: a double submit cannot create two.
    uniqueIndex('tranches_live_period_uq')
      .on(t.rtId, t.year, t.period)
      .where(sql`status IN ('pending', 'approved', 'paid')`),
    index('tranches_status_idx').on(t.status),
    index('tranches_rt_year_idx').on(t.rtId, t.year),
    index('tranches_entry_idx').on(t.entryId),
    check('tranches_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const trancheLines = sqliteTable(
  'tranche_lines',
  {
    id: integer('id').primaryKey(),
    trancheId: integer('tranche_id')
      .notNull()
      .references(() => tranches.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [index('tranche_lines_tranche_idx').on(t.trancheId), check('tranche_lines_amount_positive', sql`${t.amount} > 0`)],
);

export const bankBatches = sqliteTable(
  'bank_batches',
  {
    id: integer('id').primaryKey(),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    rowCount: integer('row_count').notNull(),
    total: integer('total').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    /** Set when the bank has answered every row (paid or failed). */
    paidBy: integer('paid_by').references(() => users.id),
    paidAt: text('paid_at'),
    /** open: sent, waiting for the bank; paid: every row answered; cancelled: withdrawn whole before any answer. */
    status: text('status', { enum: ['open', 'paid', 'cancelled'] }).notNull().default('open'),
    /** The CSV file made for the bank at creation, byte for byte, and its SHA-256: every download serves it. */
    csvFile: blob('csv_file', { mode: 'buffer' }),
    csvSha256: text('csv_sha256'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('bank_batches_kelurahan_idx').on(t.kelurahanCode)],
);

/** The rows of a bank batch as sent to the bank (fixed at creation), each with the bank's answer. */
export const bankBatchRows = sqliteTable(
  'bank_batch_rows',
  {
    id: integer('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => bankBatches.id),
    trancheId: integer('tranche_id')
      .notNull()
      .references(() => tranches.id),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    rtLabel: text('rt_label').notNull(),
    bankAccount: text('bank_account').notNull(),
    accountName: text('account_name').notNull(),
    amount: integer('amount').notNull(),
    reference: text('reference').notNull(),
    description: text('description').notNull(),
    /** sent: waiting for the bank; paid / failed: the bank's answer; cancelled: the batch was cancelled whole. */
    status: text('status', { enum: ['sent', 'paid', 'failed', 'cancelled'] }).notNull().default('sent'),
    bankReference: text('bank_reference'),
    paidOn: text('paid_on'),
    failureReason: text('failure_reason'),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: text('answered_at'),
    /** The journal entry that moved the money from in transit to the RT's cash (a paid row). */
    entryId: integer('entry_id').references(() => journalEntries.id),
  },
  (t) => [
    index('bank_batch_rows_batch_idx').on(t.batchId),
    index('bank_batch_rows_tranche_idx').on(t.trancheId),
    // A tranche is at most once waiting for or paid by the bank.
    uniqueIndex('bank_batch_rows_live_uq').on(t.trancheId).where(sql`status IN ('sent', 'paid')`),
    check('bank_batch_rows_amount_positive', sql`${t.amount} > 0`),
    check(
      'bank_batch_rows_answer',
      sql`(${t.status} = 'paid' AND ${t.bankReference} IS NOT NULL AND ${t.paidOn} IS NOT NULL) OR (${t.status} = 'failed' AND ${t.failureReason} IS NOT NULL) OR ${t.status} IN ('sent', 'cancelled')`,
    ),
  ],
);

export const yearClosures = sqliteTable(
  'year_closures',
  {
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    closedBy: text('closed_by').notNull(),
    closedAt: text('closed_at').notNull(),
  },
  (t) => [uniqueIndex('year_closures_uq').on(t.year, t.kelurahanCode)],
);

/**
 * An admin's override of one year-end close blocker (year-close.ts), with its written reason:
 * append-only (triggers in the migration).
 */
export const closeOverrides = sqliteTable(
  'close_overrides',
  {
    id: integer('id').primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    blockerKey: text('blocker_key').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    reason: text('reason').notNull(),
    overriddenBy: text('overridden_by').notNull(),
    overriddenByUser: integer('overridden_by_user').references(() => users.id),
    overriddenAt: text('overridden_at').notNull(),
  },
  (t) => [
    uniqueIndex('close_overrides_uq').on(t.year, t.blockerKey),
    index('close_overrides_kelurahan_idx').on(t.year, t.kelurahanCode),
    check('close_overrides_reason', sql`length(trim(${t.reason})) > 0 AND length(trim(${t.overriddenBy})) > 0`),
  ],
);

export const receipts = sqliteTable(
  'receipts',
  {
    id: integer('id').primaryKey(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    /** Business date of the purchase (YYYY-MM-DD); its month is the SPJ it belongs to. */
    date: text('date').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    vendor: text('vendor').notNull(),
    notaNumber: text('nota_number'),
    amount: integer('amount').notNull(),
    status: text('status', { enum: ['pending', 'verified', 'returned', 'rejected', 'reversed'] }).notNull(),
    /** JSON list of flags the bendahara must see (meterai, possible duplicate, ...). */
    flags: text('flags').notNull().default('[]'),
    note: text('note'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: text('submitted_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    entryId: integer('entry_id').references(() => journalEntries.id),
    reversalEntryId: integer('reversal_entry_id').references(() => journalEntries.id),
    requestKey: text('request_key').notNull(),
    /** The RT's own receipt number in the year (KW-001), given when it is recorded and kept. */
    number: integer('number'),
  },
  (t) => [
    uniqueIndex('receipts_request_key_uq').on(t.requestKey),
    uniqueIndex('receipts_rt_year_number_uq').on(t.rtId, t.year, t.number),
    // Covering the RT's sums of a year (db/0034): held back, used per category and per month.
    index('receipts_rt_year_idx').on(t.rtId, t.year, t.category, t.status, t.date, t.amount),
    index('receipts_entry_idx').on(t.entryId),
    index('receipts_status_idx').on(t.status),
    index('receipts_nota_idx').on(t.notaNumber, t.date, t.amount),
    check('receipts_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const receiptItems = sqliteTable(
  'receipt_items',
  {
    id: integer('id').primaryKey(),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => receipts.id),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
  },
  (t) => [index('receipt_items_receipt_idx').on(t.receiptId), check('receipt_items_positive', sql`${t.quantity} > 0 AND ${t.unitPrice} > 0`)],
);

export const receiptFiles = sqliteTable(
  'receipt_files',
  {
    id: integer('id').primaryKey(),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => receipts.id),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceFiles.sha256),
    kind: text('kind').notNull(),
    originalName: text('original_name').notNull(),
  },
  (t) => [
    index('receipt_files_receipt_idx').on(t.receiptId),
    // Duplicate check: the same bytes may back only one live receipt in the city (a rejected or
    // reversed receipt frees its files for the corrected one), enforced by the use case.
    index('receipt_files_sha_idx').on(t.sha256),
  ],
);

export const spjReports = sqliteTable(
  'spj_reports',
  {
    id: integer('id').primaryKey(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    year: integer('year')
      .notNull()
      .references(() => programmeYear.year),
    month: text('month').notNull(),
    status: text('status', { enum: ['submitted', 'verified', 'returned', 'withdrawn'] }).notNull(),
    openingCash: integer('opening_cash').notNull(),
    received: integer('received').notNull(),
    spent: integer('spent').notNull(),
    closingCash: integer('closing_cash').notNull(),
    receiptCount: integer('receipt_count').notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: text('submitted_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    note: text('note'),
    /** Days late at its latest sending (kept when it is verified, so lateness stays on record). */
    daysLate: integer('days_late').notNull().default(0),
  },
  (t) => [uniqueIndex('spj_rt_month_uq').on(t.rtId, t.year, t.month), index('spj_status_idx').on(t.status)],
);

/**
 * Document numbers (nomor surat) issued by a kelurahan office: one sequence per office, kind and
 * year; a document (its key) gets its number once, when first issued, and keeps it.
 */
export const documentNumbers = sqliteTable(
  'document_numbers',
  {
    id: integer('id').primaryKey(),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** What the number is for, e.g. spj:<rtId>:2026-08. */
    docKey: text('doc_key').notNull(),
    number: text('number').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
  },
  (t) => [uniqueIndex('document_numbers_key_uq').on(t.docKey), uniqueIndex('document_numbers_seq_uq').on(t.kelurahanCode, t.kind, t.year, t.seq), check('document_numbers_seq_positive', sql`${t.seq} > 0`)],
);

/**
 * Every public key that ever signed a checkpoint (Ed25519, PEM): kept for ever, so a rotated key
 * still verifies the checkpoints it signed. The private key lives in a file outside the database.
 */
export const signingKeys = sqliteTable('signing_keys', {
  /** SHA-256 of the key's SPKI DER bytes, hex (keyIdOf). */
  keyId: text('key_id').primaryKey(),
  publicKeyPem: text('public_key_pem').notNull(),
  createdAt: text('created_at').notNull(),
  /** When a newer key took over (null: the key in use). */
  retiredAt: text('retired_at'),
});

/** Signed checkpoints of the ledger (src/domain/ledger/checkpoint.ts), chained; append-only by triggers. */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    seq: integer('seq').primaryKey(),
    signedAt: text('signed_at').notNull(),
    entryCount: integer('entry_count').notNull(),
    head: text('head').notNull(),
    prev: text('prev').notNull(),
    keyId: text('key_id')
      .notNull()
      .references(() => signingKeys.keyId),
    reason: text('reason', { enum: ['harian', 'ekspor', 'dokumen', 'mulai', 'manual'] }).notNull(),
    hash: text('hash').notNull(),
    signature: text('signature').notNull(),
    /** The audit log's chain at signing: id and hash of its last chained row (0 and 64 zeros before it starts). */
    auditCount: integer('audit_count').notNull().default(0),
    auditHead: text('audit_head').notNull().default('0000000000000000000000000000000000000000000000000000000000000000'),
  },
  (t) => [uniqueIndex('checkpoints_hash_uq').on(t.hash), index('checkpoints_entry_count_idx').on(t.entryCount)],
);

/**
 * The chain of approval (src/domain/grants/approval-chain.ts): each step taken on a plan or a
 * tranche, with the name and NIP of who took it as they were then. Append-only. `round` is the
 * subject's submission time: a plan returned and submitted again starts its chain afresh.
 */
export const approvalSteps = sqliteTable(
  'approval_steps',
  {
    id: integer('id').primaryKey(),
    subjectType: text('subject_type', { enum: ['plan', 'tranche'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    round: text('round').notNull(),
    step: text('step', { enum: ['verify', 'approve', 'acknowledge'] }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    name: text('name').notNull(),
    nip: text('nip'),
    at: text('at').notNull(),
  },
  (t) => [
    // A step is taken once per round: two clicks together record it once.
    uniqueIndex('approval_steps_once_uq').on(t.subjectType, t.subjectId, t.round, t.step),
    index('approval_steps_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** An RT's institutional profile: the Keputusan Lurah that formed it and its three officers (users of that RT). */
export const rtProfiles = sqliteTable('rt_profiles', {
  rtId: integer('rt_id')
    .primaryKey()
    .references(() => rt.id),
  decreeNumber: text('decree_number'),
  decreeDate: text('decree_date'),
  decreeSha256: text('decree_sha256').references(() => evidenceFiles.sha256),
  decreeName: text('decree_name'),
  ketuaUserId: integer('ketua_user_id').references(() => users.id),
  sekretarisUserId: integer('sekretaris_user_id').references(() => users.id),
  bendaharaUserId: integer('bendahara_user_id').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Temporary passwords given to RT officers' accounts (created or reset by the admin or the
 * kelurahan treasurer): the conflict rule reads them at every decision
 * (src/domain/accounts/password-conflict.ts). Never the password: who, to whom, for which RT, when.
 */
export const passwordIssues = sqliteTable(
  'password_issues',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    issuedBy: integer('issued_by')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['create', 'reset'] }).notNull(),
    issuedAt: text('issued_at').notNull(),
  },
  (t) => [index('password_issues_issuer_rt_idx').on(t.issuedBy, t.rtId, t.issuedAt)],
);

/** A user's phone and e-mail (optional) and the channels she turned off. */
export const userContacts = sqliteTable('user_contacts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  phone: text('phone'),
  email: text('email'),
  emailOff: integer('email_off', { mode: 'boolean' }).notNull().default(false),
  whatsappOff: integer('whatsapp_off', { mode: 'boolean' }).notNull().default(false),
  inAppOff: integer('in_app_off', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
});

/** The notification outbox: written in the transaction of the event that causes it. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    /** JSON: what the message is built from (src/domain/notifications/kinds.ts); never a secret or a contact. */
    payload: text('payload').notNull(),
    /** One notification per key: a retried event or a second scheduler tick writes nothing more. */
    dedupeKey: text('dedupe_key').notNull(),
    /** Shown in the in-app list (false when the user turned the in-app channel off). */
    inApp: integer('in_app', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey), index('notifications_user_idx').on(t.userId, t.id)],
);

/** One delivery of a notification on one outside channel (e-mail, WhatsApp), with its attempts. */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: integer('id').primaryKey(),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id),
    channel: text('channel', { enum: ['email', 'whatsapp'] }).notNull(),
    /** The address at the time of the event (the e-mail or the +628… number). */
    address: text('address').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once_uq').on(t.notificationId, t.channel),
    index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/**
 * Issue 20 (open books): whether a receipt's photo may be shown on the public pages. Append-only:
 * each row is a decision of the kelurahan treasurer (hidden, with a reason, or shown again); the
 * newest row per (receipt, file) holds. Its max id is part of the public pages' data version.
 */
export const photoVisibility = sqliteTable(
  'photo_visibility',
  {
    id: integer('id').primaryKey(),
    receiptId: integer('receipt_id')
      .notNull()
      .references(() => receipts.id),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceFiles.sha256),
    hidden: integer('hidden', { mode: 'boolean' }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('photo_visibility_receipt_idx').on(t.receiptId, t.sha256), check('photo_visibility_reason', sql`length(trim(${t.reason})) > 0`)],
);


/**
 * Aduan warga (src/domain/complaints): a resident's question to an RT's or RW's officials, its
 * step (0 kelurahan, 1 kecamatan desk, 2 city), who holds it and the answer, published with the
 * question. The sender's name and phone are never public. `messageKey` is a hash of the
 * normalized message (duplicates to the same target within a day give back the first code).
 */
export const complaints = sqliteTable(
  'complaints',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    targetKind: text('target_kind', { enum: ['rt', 'rw'] }).notNull(),
    /** The RT (or the RW's own grantee row) for an RT page; null for an RW page. */
    rtId: integer('rt_id').references(() => rt.id),
    rwId: integer('rw_id')
      .notNull()
      .references(() => rw.id),
    kelurahanCode: text('kelurahan_code').notNull(),
    kecamatanCode: text('kecamatan_code').notNull(),
    kind: text('kind', { enum: ['pertanyaan', 'dugaan_penyimpangan', 'apresiasi'] }).notNull(),
    message: text('message').notNull(),
    senderName: text('sender_name'),
    senderPhone: text('sender_phone'),
    messageKey: text('message_key').notNull(),
    receivedAt: text('received_at').notNull(),
    receivedOn: text('received_on').notNull(),
    firstDeadlineOn: text('first_deadline_on').notNull(),
    level: integer('level').notNull().default(0),
    deadlineOn: text('deadline_on').notNull(),
    assignedUserId: integer('assigned_user_id').references(() => users.id),
    assignedRole: text('assigned_role').notNull(),
    escalatedAt: text('escalated_at'),
    answer: text('answer'),
    answeredAt: text('answered_at'),
    answeredOn: text('answered_on'),
    answeredByUserId: integer('answered_by_user_id').references(() => users.id),
    answeredByRole: text('answered_by_role'),
    publishedAt: text('published_at'),
  },
  (t) => [
    uniqueIndex('complaints_code_uq').on(t.code),
    index('complaints_rt_idx').on(t.rtId),
    index('complaints_rw_idx').on(t.rwId),
    index('complaints_kelurahan_idx').on(t.kelurahanCode),
    index('complaints_open_idx').on(t.answeredAt, t.firstDeadlineOn),
    index('complaints_due_idx').on(t.answeredAt, t.deadlineOn),
    index('complaints_duplicate_idx').on(t.messageKey, t.receivedAt),
    check('complaints_level_ck', sql`${t.level} in (0, 1, 2)`),
  ],
);

/**
 * Complaint form submissions per sender address, for the per-address limits: the address only as
 * a keyed hash (HMAC with a server secret), never as it is; rows older than two days are removed.
 */
export const complaintAttempts = sqliteTable(
  'complaint_attempts',
  {
    id: integer('id').primaryKey(),
    addressKey: text('address_key').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('complaint_attempts_address_idx').on(t.addressKey, t.at), index('complaint_attempts_at_idx').on(t.at)],
);

/**
 * The early-warning desk (deteksi dini): every risk flag of a grantee (RT or RW) in a year, kept
 * up to date (src/app/risk-refresh.ts), one row per grantee and kind. A derived table: verify
 * holds it against a recomputation. The follow-up columns survive a refresh; a flag whose
 * severity rises above the one it was followed up at opens again.
 */
export const riskFlags = sqliteTable(
  'risk_flags',
  {
    id: integer('id').primaryKey(),
    year: integer('year').notNull(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    kind: text('kind').notNull(),
    severity: integer('severity').notNull(),
    /** Weight × severity: this flag's share of the grantee's score. */
    score: integer('score').notNull(),
    /** JSON: the flag's numbers (src/domain/risk/flags.ts). */
    numbers: text('numbers').notNull(),
    /** JSON: links to the evidence (receipts, SPJ months, tranches). */
    evidence: text('evidence').notNull(),
    /** The business date (WIB) the flag was computed for. */
    computedOn: text('computed_on').notNull(),
    computedAt: text('computed_at').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    state: text('state', { enum: ['open', 'followed_up'] }).notNull().default('open'),
    followNote: text('follow_note'),
    followedBy: text('followed_by'),
    followedAt: text('followed_at'),
    followedSeverity: integer('followed_severity'),
  },
  (t) => [uniqueIndex('risk_flags_grantee_kind_uq').on(t.year, t.rtId, t.kind), index('risk_flags_year_kind_idx').on(t.year, t.kind)],
);

/** Per grantee and year: when its flags were last computed, and its score (Σ of its open flags' scores). */
export const riskState = sqliteTable(
  'risk_state',
  {
    year: integer('year').notNull(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    computedOn: text('computed_on').notNull(),
    computedAt: text('computed_at').notNull(),
    openScore: integer('open_score').notNull(),
    flagCount: integer('flag_count').notNull(),
  },
  (t) => [uniqueIndex('risk_state_uq').on(t.year, t.rtId), index('risk_state_score_idx').on(t.year, t.openScore)],
);

/** Grantees whose flags wait for a refresh: marked by triggers on receipts, SPJs and tranches (db/ custom SQL). */
export const riskDirty = sqliteTable(
  'risk_dirty',
  {
    year: integer('year').notNull(),
    rtId: integer('rt_id').notNull(),
  },
  (t) => [uniqueIndex('risk_dirty_uq').on(t.year, t.rtId)],
);

/**
 * The cross-RT keys of each grantee as of its last refresh: normalised vendors, nota series with
 * their numbers, near-duplicate photo partners. Counting RTs per key is an indexed lookup.
 */
export const riskLinks = sqliteTable(
  'risk_links',
  {
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['vendor', 'nota', 'photo'] }).notNull(),
    key: text('key').notNull(),
    rtId: integer('rt_id').notNull(),
    kelurahanCode: text('kelurahan_code').notNull(),
    /** The grantee's own receipt behind the key. */
    receiptId: integer('receipt_id').notNull(),
    /** A nota number (nota), the other receipt (photo); null for a vendor. */
    num: integer('num'),
  },
  (t) => [
    index('risk_links_key_idx').on(t.year, t.kind, t.key, t.rtId, t.kelurahanCode),
    index('risk_links_rt_idx').on(t.year, t.rtId, t.kind, t.key),
    // db/0035: a nota series' numbers in order, for the holders near an RT's own numbers.
    index('risk_links_num_idx').on(t.year, t.kind, t.key, t.num, t.rtId),
  ],
);

/** Comment threads between an RT's officers and the kelurahan's officials on a receipt, plan or SPJ (issue 19). Append-only. */
export const itemComments = sqliteTable(
  'item_comments',
  {
    id: integer('id').primaryKey(),
    itemKind: text('item_kind', { enum: ['receipt', 'plan', 'spj'] }).notNull(),
    itemId: integer('item_id').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('item_comments_item_idx').on(t.itemKind, t.itemId, t.id), check('item_comments_body_len', sql`length(${t.body}) BETWEEN 1 AND 1000`)],
);

/**
 * Issue 19a: a receipt the chair saved to finish later ("Simpan draf"). No ledger effect; its
 * photos are kept with it (bounded: count per RT, bytes per draft and per RT) and are not
 * evidence until the receipt is recorded, which removes the draft in the same transaction.
 */
export const receiptDrafts = sqliteTable(
  'receipt_drafts',
  {
    id: integer('id').primaryKey(),
    rtId: integer('rt_id')
      .notNull()
      .references(() => rt.id),
    year: integer('year').notNull(),
    /** The form's one-time key: the receipt finished from this draft is recorded once. */
    requestKey: text('request_key').notNull(),
    /** The typed fields as JSON (date, category, description, vendor, notaNumber, amount, items). */
    fields: text('fields').notNull(),
    bytes: integer('bytes').notNull(),
    savedBy: integer('saved_by').references(() => users.id),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [uniqueIndex('receipt_drafts_request_key_uq').on(t.requestKey), index('receipt_drafts_rt_idx').on(t.rtId, t.year)],
);

export const receiptDraftFiles = sqliteTable(
  'receipt_draft_files',
  {
    id: integer('id').primaryKey(),
    draftId: integer('draft_id')
      .notNull()
      .references(() => receiptDrafts.id),
    /** The receipt form's file field (nota, fotoKegiatan, ...). */
    field: text('field').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('receipt_draft_files_draft_idx').on(t.draftId)],
);
