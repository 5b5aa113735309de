/**
 * The triggers the migrations create, by their SQL text: the one place `verify` reads what each
 * must say. A trigger dropped, replaced by another body under the same name (a no-op that lets
 * an UPDATE through), or added, is reported. Texts are compared normalised (case, and
 * whitespace, none kept beside punctuation), so a reformatting is not a change; anything else is.
 * A migration that adds or changes a trigger adds or changes its text here.
 */
import type { TriggerProblems } from '../app/ports';
import type { Db } from './client';

export const EXPECTED_TRIGGERS: Readonly<Record<string, string>> = {
  // db/0001_append_only_ledger.sql
  journal_entries_no_update: `CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
    BEGIN SELECT RAISE(ABORT, 'journal_entries are append-only: post a reversing entry'); END`,
  journal_entries_no_delete: `CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
    BEGIN SELECT RAISE(ABORT, 'journal_entries are append-only: post a reversing entry'); END`,
  postings_no_update: `CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
    BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversing entry'); END`,
  postings_no_delete: `CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
    BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversing entry'); END`,
  postings_insert_guard: `CREATE TRIGGER postings_insert_guard BEFORE INSERT ON postings
    BEGIN
      SELECT RAISE(ABORT, 'entry_already_complete')
      WHERE (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.entry_id)
         >= (SELECT posting_count FROM journal_entries WHERE id = NEW.entry_id);
      SELECT RAISE(ABORT, 'account_wrong_year')
      WHERE (SELECT year FROM accounts WHERE id = NEW.account_id)
         IS NOT (SELECT year FROM journal_entries WHERE id = NEW.entry_id);
    END`,
  postings_entry_balanced: `CREATE TRIGGER postings_entry_balanced AFTER INSERT ON postings
    WHEN (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.entry_id)
       = (SELECT posting_count FROM journal_entries WHERE id = NEW.entry_id)
    BEGIN
      SELECT RAISE(ABORT, 'entry_not_balanced')
      WHERE (SELECT SUM(amount) FROM postings WHERE entry_id = NEW.entry_id) <> 0
         OR (SELECT SUM(amount) FROM postings WHERE entry_id = NEW.entry_id AND amount > 0)
            <> (SELECT debit_total FROM journal_entries WHERE id = NEW.entry_id);
    END`,
  accounts_identity_fixed: `CREATE TRIGGER accounts_identity_fixed BEFORE UPDATE OF id, year, name, kind, rt_id, category ON accounts
    BEGIN SELECT RAISE(ABORT, 'accounts keep their identity'); END`,
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  // db/0007_close_overrides.sql
  close_overrides_no_update: `CREATE TRIGGER close_overrides_no_update BEFORE UPDATE ON close_overrides
    BEGIN SELECT RAISE(ABORT, 'close_overrides are append-only'); END`,
  close_overrides_no_delete: `CREATE TRIGGER close_overrides_no_delete BEFORE DELETE ON close_overrides
    BEGIN SELECT RAISE(ABORT, 'close_overrides are append-only'); END`,
  // db/0018_settings_versions_grantee_kind.sql
  programme_year_versions_no_update: `CREATE TRIGGER programme_year_versions_no_update BEFORE UPDATE ON programme_year_versions
    BEGIN SELECT RAISE(ABORT, 'programme_year_versions are append-only: add a version'); END`,
  programme_year_versions_no_delete: `CREATE TRIGGER programme_year_versions_no_delete BEFORE DELETE ON programme_year_versions
    BEGIN SELECT RAISE(ABORT, 'programme_year_versions are append-only: add a version'); END`,
  // db/0012_checkpoints.sql
  checkpoints_no_update: `CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END`,
  checkpoints_no_delete: `CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END`,
  checkpoints_in_sequence: `CREATE TRIGGER checkpoints_in_sequence BEFORE INSERT ON checkpoints
    BEGIN
      SELECT RAISE(ABORT, 'checkpoint_out_of_sequence')
      WHERE NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM checkpoints);
    END`,
  signing_keys_no_delete: `CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
    BEGIN SELECT RAISE(ABORT, 'signing_keys are kept for ever'); END`,
  signing_keys_retire_only: `CREATE TRIGGER signing_keys_retire_only BEFORE UPDATE ON signing_keys
    WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL OR NEW.key_id IS NOT OLD.key_id
      OR NEW.public_key_pem IS NOT OLD.public_key_pem OR NEW.created_at IS NOT OLD.created_at
    BEGIN SELECT RAISE(ABORT, 'signing_keys: only retired_at may be set, once'); END`,
  // db/0015_officers_approval_chain.sql
  approval_steps_no_update: `CREATE TRIGGER approval_steps_no_update BEFORE UPDATE ON approval_steps
    BEGIN SELECT RAISE(ABORT, 'approval_steps are append-only'); END`,
  approval_steps_no_delete: `CREATE TRIGGER approval_steps_no_delete BEFORE DELETE ON approval_steps
    BEGIN SELECT RAISE(ABORT, 'approval_steps are append-only'); END`,
  // db/0017_plan_documents.sql
  plan_documents_no_delete: `CREATE TRIGGER plan_documents_no_delete BEFORE DELETE ON plan_documents
    BEGIN SELECT RAISE(ABORT, 'plan_documents are append-only: withdraw a file instead'); END`,
  plan_documents_identity_fixed: `CREATE TRIGGER plan_documents_identity_fixed BEFORE UPDATE OF id, plan_id, kind, sha256, original_name, uploaded_by, uploaded_at ON plan_documents
    BEGIN SELECT RAISE(ABORT, 'plan_documents keep their file: upload a new one'); END`,
  plan_documents_frozen: `CREATE TRIGGER plan_documents_frozen BEFORE UPDATE ON plan_documents
    WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) NOT IN ('draft', 'returned')
    BEGIN SELECT RAISE(ABORT, 'plan_documents of a submitted plan never change'); END`,
  plan_documents_insert_frozen: `CREATE TRIGGER plan_documents_insert_frozen BEFORE INSERT ON plan_documents
    WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) NOT IN ('draft', 'returned')
    BEGIN SELECT RAISE(ABORT, 'plan_documents of a submitted plan never change'); END`,
  // db/0028_pre_dossier_plans.sql (issue 18, gap 5: the list of plans exempt from the dossier is closed)
  pre_dossier_plans_closed: `CREATE TRIGGER pre_dossier_plans_closed BEFORE INSERT ON pre_dossier_plans
    BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans were listed once by migration 0028: a new plan is never exempt from the dossier'); END`,
  pre_dossier_plans_no_update: `CREATE TRIGGER pre_dossier_plans_no_update BEFORE UPDATE ON pre_dossier_plans
    BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans never change'); END`,
  pre_dossier_plans_no_delete: `CREATE TRIGGER pre_dossier_plans_no_delete BEFORE DELETE ON pre_dossier_plans
    BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans never change'); END`,
  // db/0021_photo_visibility.sql (issue 20: a photo hidden from the public pages)
  photo_visibility_no_update: `CREATE TRIGGER photo_visibility_no_update BEFORE UPDATE ON photo_visibility
    BEGIN SELECT RAISE(ABORT, 'photo_visibility is append-only: record a new decision'); END`,
  photo_visibility_no_delete: `CREATE TRIGGER photo_visibility_no_delete BEFORE DELETE ON photo_visibility
    BEGIN SELECT RAISE(ABORT, 'photo_visibility is append-only: record a new decision'); END`,
  // db/0022_complaints.sql
  complaints_answer_final: `CREATE TRIGGER complaints_answer_final BEFORE UPDATE ON complaints
    WHEN OLD.answered_at IS NOT NULL AND (NEW.answer IS NOT OLD.answer OR NEW.message IS NOT OLD.message OR NEW.answered_at IS NOT OLD.answered_at)
    BEGIN SELECT RAISE(ABORT, 'complaint answer is final'); END`,
  complaints_no_delete: `CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
    BEGIN SELECT RAISE(ABORT, 'complaints are never deleted'); END`,
  // db/0020_risk_flags.sql: a written receipt, SPJ or tranche marks its grantee's risk flags for a refresh
  risk_dirty_complaints_insert: `CREATE TRIGGER risk_dirty_complaints_insert AFTER INSERT ON complaints WHEN NEW.rt_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.rt_id FROM programme_year WHERE status = 'open'; END`,
  risk_dirty_complaints_update: `CREATE TRIGGER risk_dirty_complaints_update AFTER UPDATE ON complaints WHEN NEW.rt_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.rt_id FROM programme_year WHERE status = 'open'; END`,
  risk_dirty_receipts_insert: `CREATE TRIGGER risk_dirty_receipts_insert AFTER INSERT ON receipts
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_receipts_update: `CREATE TRIGGER risk_dirty_receipts_update AFTER UPDATE ON receipts
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_spj_insert: `CREATE TRIGGER risk_dirty_spj_insert AFTER INSERT ON spj_reports
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_spj_update: `CREATE TRIGGER risk_dirty_spj_update AFTER UPDATE ON spj_reports
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_tranches_insert: `CREATE TRIGGER risk_dirty_tranches_insert AFTER INSERT ON tranches
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_tranches_update: `CREATE TRIGGER risk_dirty_tranches_update AFTER UPDATE ON tranches
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END`,
  risk_dirty_rt_insert: `CREATE TRIGGER risk_dirty_rt_insert AFTER INSERT ON rt
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.id FROM programme_year WHERE status = 'open'; END`,
  risk_dirty_rt_active: `CREATE TRIGGER risk_dirty_rt_active AFTER UPDATE OF active ON rt
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.id FROM programme_year WHERE status = 'open'; END`,
  risk_dirty_year_insert: `CREATE TRIGGER risk_dirty_year_insert AFTER INSERT ON programme_year
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END`,
  risk_dirty_year_update: `CREATE TRIGGER risk_dirty_year_update AFTER UPDATE ON programme_year
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END`,
  risk_dirty_year_version: `CREATE TRIGGER risk_dirty_year_version AFTER INSERT ON programme_year_versions
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END`,
  // db/0024_item_comments.sql: comment threads are append-only.
  item_comments_no_update: `CREATE TRIGGER \`item_comments_no_update\` BEFORE UPDATE ON \`item_comments\`
    BEGIN SELECT RAISE(ABORT, 'item_comments are append-only'); END`,
  item_comments_no_delete: `CREATE TRIGGER \`item_comments_no_delete\` BEFORE DELETE ON \`item_comments\`
    BEGIN SELECT RAISE(ABORT, 'item_comments are append-only'); END`,
  // db/0032_evidence_usage.sql
  evidence_usage_receipt_file_insert: `CREATE TRIGGER evidence_usage_receipt_file_insert AFTER INSERT ON receipt_files
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT r.rt_id, r.year, NEW.sha256, ef.size FROM receipts r JOIN evidence_files ef ON ef.sha256 = NEW.sha256 WHERE r.id = NEW.receipt_id; END`,
  evidence_usage_plan_document_insert: `CREATE TRIGGER evidence_usage_plan_document_insert AFTER INSERT ON plan_documents
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT p.rt_id, p.year, NEW.sha256, ef.size FROM plans p JOIN evidence_files ef ON ef.sha256 = NEW.sha256 WHERE p.id = NEW.plan_id; END`,
  evidence_usage_plan_insert: `CREATE TRIGGER evidence_usage_plan_insert AFTER INSERT ON plans WHEN NEW.berita_acara_sha256 IS NOT NULL
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT NEW.rt_id, NEW.year, ef.sha256, ef.size FROM evidence_files ef WHERE ef.sha256 = NEW.berita_acara_sha256; END`,
  evidence_usage_plan_berita_acara: `CREATE TRIGGER evidence_usage_plan_berita_acara AFTER UPDATE OF berita_acara_sha256 ON plans
    BEGIN
      INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
        SELECT NEW.rt_id, NEW.year, ef.sha256, ef.size FROM evidence_files ef WHERE ef.sha256 = NEW.berita_acara_sha256;
      DELETE FROM evidence_usage WHERE rt_id = OLD.rt_id AND year = OLD.year AND sha256 = OLD.berita_acara_sha256
        AND OLD.berita_acara_sha256 IS NOT NEW.berita_acara_sha256
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.rt_id = OLD.rt_id AND p.year = OLD.year AND p.berita_acara_sha256 = OLD.berita_acara_sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE p.rt_id = OLD.rt_id AND p.year = OLD.year AND d.sha256 = OLD.berita_acara_sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE r.rt_id = OLD.rt_id AND r.year = OLD.year AND rf.sha256 = OLD.berita_acara_sha256);
    END`,
  evidence_usage_receipt_file_delete: `CREATE TRIGGER evidence_usage_receipt_file_delete AFTER DELETE ON receipt_files
    BEGIN DELETE FROM evidence_usage WHERE sha256 = OLD.sha256 AND (rt_id, year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id)
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND p.berita_acara_sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND d.sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE (r.rt_id, r.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND rf.sha256 = OLD.sha256); END`,
  evidence_usage_plan_document_delete: `CREATE TRIGGER evidence_usage_plan_document_delete AFTER DELETE ON plan_documents
    BEGIN DELETE FROM evidence_usage WHERE sha256 = OLD.sha256 AND (rt_id, year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id)
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND p.berita_acara_sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND d.sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE (r.rt_id, r.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND rf.sha256 = OLD.sha256); END`,
  // db/0033_year_settings_epoch.sql: the counter the server's kept years are checked against.
  year_settings_epoch_year_insert: `CREATE TRIGGER year_settings_epoch_year_insert AFTER INSERT ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
  year_settings_epoch_year_update: `CREATE TRIGGER year_settings_epoch_year_update AFTER UPDATE ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
  year_settings_epoch_year_delete: `CREATE TRIGGER year_settings_epoch_year_delete AFTER DELETE ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
  year_settings_epoch_version_insert: `CREATE TRIGGER year_settings_epoch_version_insert AFTER INSERT ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
  year_settings_epoch_version_update: `CREATE TRIGGER year_settings_epoch_version_update AFTER UPDATE ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
  year_settings_epoch_version_delete: `CREATE TRIGGER year_settings_epoch_version_delete AFTER DELETE ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END`,
};

/** Lower case, whitespace collapsed, and none kept beside punctuation. */
export function normaliseTriggerSql(text: string): string {
  return text
    .trim()
    .replace(/;\s*$/, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\w\s]) ?/g, '$1');
}


export function triggerProblems(db: Db): TriggerProblems {
  const present = new Map(
    (db.sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string | null }>).map((r) => [r.name, r.sql ?? '']),
  );
  const out: TriggerProblems = { missing: [], altered: [], unexpected: [] };
  for (const [name, text] of Object.entries(EXPECTED_TRIGGERS)) {
    const actual = present.get(name);
    if (actual === undefined) out.missing.push(name);
    else if (normaliseTriggerSql(actual) !== normaliseTriggerSql(text)) out.altered.push(name);
  }
  for (const name of present.keys()) if (!(name in EXPECTED_TRIGGERS)) out.unexpected.push(name);
  return out;
}
