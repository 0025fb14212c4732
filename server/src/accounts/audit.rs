//! The audit log: who did what, when. Append-only (the database refuses
//! updates and deletes). Entries name accounts and records by id, never a
//! child's words, a passphrase or a token.

use sqlx::{Any, Executor};

use crate::storage::now_millis;

/// Something worth recording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignInRefusedLocked,
    SignOut,
    SignOutEverywhere,
    InvitationCreated,
    InvitationAccepted,
    SecondFactorSetUp,
    SecondFactorPassed,
    SecondFactorFailed,
    RecoveryCodeUsed,
    AccountDisabled,
    AccountEnabled,
    AccountUnlocked,
    ChildRecordCreated,
    ChildRecordChanged,
    IroAllocated,
    StaffAccountCreated,
    ReviewScheduled,
    ReviewRecorded,
    ContactRecorded,
    BankHolidayAdded,
    ThemeAdded,
    ThemeRenamed,
    ThemeRetired,
    ThemeRestored,
    AnswerTagged,
    FiguresDownloaded,
    ChildrensWordsRead,
    WordsPicked,
    WordsUnpicked,
    SafetyAlertRaised,
    ConsultationSubmitted,
    ConsultationMarkedRead,
    ConsultationViewed,
    PassphraseChanged,
    PassphraseChangeRefused,
    AwayChanged,
    AdvocacyRequested,
    AdvocacyMessageAdded,
    AdvocacyWithdrawn,
    AdvocacyAccepted,
    AdvocacyAllocated,
    AdvocacyNoteAdded,
    AdvocacyClosed,
    AdvocacyCaseViewed,
    LetterStarted,
    LetterSent,
    LetterReplied,
    LetterViewed,
    ChildRecordOpened,
    ChildPageViewed,
    ChildRecordViewed,
    AdvocacyInboxViewed,
    InvitationCodeFailed,
    InvitationRefusedBudget,
    AccountResetByStaff,
    PassphraseResetRequested,
    PassphraseResetUsed,
    SettingChanged,
    SpeakerboxMemberAdded,
    SpeakerboxMemberLeft,
    SpeakerboxGroupAdded,
    SpeakerboxTopicSaved,
    SpeakerboxTopicPublished,
    SpeakerboxTopicClosed,
    SpeakerboxAnswered,
    SpeakerboxAnswersRead,
    SpeakerboxAnswerHidden,
    SpeakerboxItemPublished,
    SpeakerboxItemUpdated,
    EscalationRaised,
    GoodPracticeNoted,
    EscalationResolved,
    EscalationMovedOn,
    EscalationDetailsChanged,
    EscalationViewLinked,
    EscalationViewed,
    EscalationsListed,
    AuditLogRead,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInRefusedLocked => "sign_in_refused_locked",
            AuditAction::SignOut => "sign_out",
            AuditAction::SignOutEverywhere => "sign_out_everywhere",
            AuditAction::InvitationCreated => "invitation_created",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::SecondFactorSetUp => "second_factor_set_up",
            AuditAction::SecondFactorPassed => "second_factor_passed",
            AuditAction::SecondFactorFailed => "second_factor_failed",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
            AuditAction::AccountDisabled => "account_disabled",
            AuditAction::AccountEnabled => "account_enabled",
            AuditAction::AccountUnlocked => "account_unlocked",
            AuditAction::ChildRecordCreated => "child_record_created",
            AuditAction::ChildRecordChanged => "child_record_changed",
            AuditAction::IroAllocated => "iro_allocated",
            AuditAction::StaffAccountCreated => "staff_account_created",
            AuditAction::ReviewScheduled => "review_scheduled",
            AuditAction::ReviewRecorded => "review_recorded",
            AuditAction::ContactRecorded => "contact_recorded",
            AuditAction::BankHolidayAdded => "bank_holiday_added",
            AuditAction::ThemeAdded => "theme_added",
            AuditAction::ThemeRenamed => "theme_renamed",
            AuditAction::ThemeRetired => "theme_retired",
            AuditAction::ThemeRestored => "theme_restored",
            AuditAction::AnswerTagged => "answer_tagged",
            AuditAction::FiguresDownloaded => "figures_downloaded",
            AuditAction::ChildrensWordsRead => "childrens_words_read",
            AuditAction::WordsPicked => "words_picked",
            AuditAction::WordsUnpicked => "words_unpicked",
            AuditAction::SafetyAlertRaised => "safety_alert_raised",
            AuditAction::ConsultationSubmitted => "consultation_submitted",
            AuditAction::ConsultationMarkedRead => "consultation_marked_read",
            AuditAction::ConsultationViewed => "consultation_viewed",
            AuditAction::PassphraseChanged => "passphrase_changed",
            AuditAction::PassphraseChangeRefused => "passphrase_change_refused",
            AuditAction::AwayChanged => "away_changed",
            AuditAction::AdvocacyRequested => "advocacy_requested",
            AuditAction::AdvocacyMessageAdded => "advocacy_message_added",
            AuditAction::AdvocacyWithdrawn => "advocacy_withdrawn",
            AuditAction::AdvocacyAccepted => "advocacy_accepted",
            AuditAction::AdvocacyAllocated => "advocacy_allocated",
            AuditAction::AdvocacyNoteAdded => "advocacy_note_added",
            AuditAction::AdvocacyClosed => "advocacy_closed",
            AuditAction::AdvocacyCaseViewed => "advocacy_case_viewed",
            AuditAction::LetterStarted => "letter_started",
            AuditAction::LetterSent => "letter_sent",
            AuditAction::LetterReplied => "letter_replied",
            AuditAction::LetterViewed => "letter_viewed",
            AuditAction::ChildRecordOpened => "child_record_opened",
            AuditAction::ChildPageViewed => "child_page_viewed",
            AuditAction::ChildRecordViewed => "child_record_viewed",
            AuditAction::AdvocacyInboxViewed => "advocacy_inbox_viewed",
            AuditAction::InvitationCodeFailed => "invitation_code_failed",
            AuditAction::InvitationRefusedBudget => "invitation_refused_budget",
            AuditAction::AccountResetByStaff => "account_reset_by_staff",
            AuditAction::PassphraseResetRequested => "passphrase_reset_requested",
            AuditAction::PassphraseResetUsed => "passphrase_reset_used",
            AuditAction::SettingChanged => "setting_changed",
            AuditAction::SpeakerboxMemberAdded => "speakerbox_member_added",
            AuditAction::SpeakerboxMemberLeft => "speakerbox_member_left",
            AuditAction::SpeakerboxGroupAdded => "speakerbox_group_added",
            AuditAction::SpeakerboxTopicSaved => "speakerbox_topic_saved",
            AuditAction::SpeakerboxTopicPublished => "speakerbox_topic_published",
            AuditAction::SpeakerboxTopicClosed => "speakerbox_topic_closed",
            AuditAction::SpeakerboxAnswered => "speakerbox_answered",
            AuditAction::SpeakerboxAnswersRead => "speakerbox_answers_read",
            AuditAction::SpeakerboxAnswerHidden => "speakerbox_answer_hidden",
            AuditAction::SpeakerboxItemPublished => "speakerbox_item_published",
            AuditAction::SpeakerboxItemUpdated => "speakerbox_item_updated",
            AuditAction::EscalationRaised => "escalation_raised",
            AuditAction::GoodPracticeNoted => "good_practice_noted",
            AuditAction::EscalationResolved => "escalation_resolved",
            AuditAction::EscalationMovedOn => "escalation_moved_on",
            AuditAction::EscalationDetailsChanged => "escalation_details_changed",
            AuditAction::EscalationViewLinked => "escalation_view_linked",
            AuditAction::EscalationViewed => "escalation_viewed",
            AuditAction::EscalationsListed => "escalations_listed",
            AuditAction::AuditLogRead => "audit_log_read",
        }
    }
}

/// Appends one entry.
pub async fn record<'e, E>(
    executor: E,
    actor: Option<i64>,
    action: AuditAction,
    subject: Option<String>,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_account_id, action, subject) VALUES ($1, $2, $3, $4)",
    )
    .bind(now_millis())
    .bind(actor)
    .bind(action.as_str())
    .bind(subject)
    .execute(executor)
    .await?;
    Ok(())
}

/// Appends one entry with what changed (a setting's old and new values;
/// never a child's words, a passphrase, a token or an email address).
pub async fn record_change<'e, E>(
    executor: E,
    actor: i64,
    action: AuditAction,
    subject: String,
    detail: String,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_account_id, action, subject, detail) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now_millis())
    .bind(actor)
    .bind(action.as_str())
    .bind(subject)
    .bind(detail)
    .execute(executor)
    .await?;
    Ok(())
}
