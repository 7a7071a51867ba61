//! The accounts’ strings, in English.
use super::AccountsMessages;

pub static EN: AccountsMessages = AccountsMessages {
    sign_in_title: "Sign in",
    sign_in_intro: "Sign in with your username (or e-mail address) and password.",
    sign_in_login: "Username or e-mail",
    sign_in_password: "Password",
    sign_in_submit: "Sign in",
    sign_in_already: |name| format!("You are already signed in as {name}."),
    signed_in_as: "Signed in as",
    sign_out: "Sign out",
    forgot_link: "Forgot your password?",
    forgot_title: "Forgotten password",
    forgot_intro: "Type your account's e-mail address: we will send you a link to choose a new \
                   password, valid for one hour.",
    forgot_email: "E-mail address",
    forgot_submit: "Send the link",
    forgot_sent: "If the address belongs to an account, we have sent it a link to reset the \
                  password. Check your mail (and the spam folder).",
    reset_title: "New password",
    reset_intro: "Choose your new password. You will be signed out on every device.",
    reset_password: "New password",
    reset_password_hint: "At least 8 characters. A phrase of several words is easy to remember \
                          and hard to guess.",
    reset_confirmation: "Repeat the new password",
    reset_submit: "Save the password",
    reset_done: "Password changed: you can now sign in with the new one.",
    mail_reset_subject: "Pratica: reset your password",
    mail_reset_body: |name, link| {
        format!(
            "Hello {name},\n\nsomeone (hopefully you) asked to reset the password of your \
             Pratica account. To choose a new one, open this link within an hour:\n\n{link}\n\n\
             If it was not you, ignore this message: your password stays as it was.\n"
        )
    },
    security_title: "Account security",
    sessions_heading: "Where you are signed in",
    sessions_intro: "If you do not recognise a sign-in, end it and change your password.",
    session_this: "This session",
    session_started: "Signed in",
    session_last_seen: "Last active",
    session_from: "From",
    session_revoke: "End",
    sessions_revoke_others: "Sign out of all other sessions",
    sessions_revoked: "Sessions ended.",
    password_heading: "Change your password",
    password_current: "Current password",
    password_changed: "Password changed. Your other sessions were ended.",
    sign_up_link: "No account yet? Sign up",
    sign_up_by_invitation: "Received an invitation? Open the link in the e-mail.",
    sign_up_title: "Sign up",
    sign_up_intro: "Create your Pratica account. All fields are required.",
    sign_up_invited: |by, role, organisation| match organisation {
        Some(org) => format!("{by} invited you to join Pratica as {role} for {org}."),
        None => format!("{by} invited you to join Pratica as {role}."),
    },
    sign_up_invitation_invalid: "This invitation is not valid: it expired, was already used or was revoked. Ask whoever sent it for a new one.",
    sign_up_display_name: "Full name",
    sign_up_display_name_hint: "How other people in the community will see you.",
    sign_up_username: "Username",
    sign_up_username_hint: "3 to 32 characters: lower-case letters, digits, dot, hyphen or underscore. Used to sign in and for mentions.",
    sign_up_email: "E-mail address",
    sign_up_email_hint_invited: "The invitation is tied to this address.",
    sign_up_submit: "Create the account",
    profile_title: "Your profile",
    profile_welcome: "Welcome to Pratica! Your account is ready.",
    profile_username: "Username",
    profile_email: "E-mail",
    profile_role: "Role",
    profile_organisations: "Organisations",
    profile_no_organisations: "No organisation.",
    profile_member_since: "Member since",
    profile_email_verified: "verified",
    profile_email_unverified: "not verified yet: we sent you a link.",
    profile_resend: "Send the link again",
    profile_resent: "We sent you a new verification link.",
    profile_verified: "E-mail address verified. Thank you!",
    profile_security_link: "Account security: sessions and password",
    verify_title: "Verify your e-mail address",
    verify_intro: "Press the button to confirm this address is yours.",
    verify_submit: "Confirm the address",
    sign_up_check_mail: "We wrote to the address you gave. Open the link in the mail to confirm it and activate the account; if that address already had an account, the mail tells you how to sign in. The link works for three days.",
    mail_taken_subject: "Pratica: your address already has an account",
    mail_taken_body: |sign_in, reset| {
        format!("Hello,\n\nsomeone (perhaps you) asked to create a Pratica account with this e-mail address, which already has one. Nothing was created.\n\nTo sign in: {sign_in}\nIf you forgot your password: {reset}\n\nIf it was not you, you can ignore this message.\n")
    },
    mail_verify_subject: "Pratica: confirm your e-mail address",
    mail_verify_body: |name, link| {
        format!(
            "Hello {name},\n\nto confirm this address is yours, open the link below within \
             three days and press \"Confirm the address\":\n\n{link}\n\nIf you did not \
             create a Pratica account, ignore this message.\n"
        )
    },
    mail_invitation_subject: "You are invited to join Pratica",
    mail_invitation_member_body: |by, organisation, sign_in| {
        let context = organisation
            .map(|org| format!(" for {org}"))
            .unwrap_or_default();
        format!(
            "Hello,\n\n{by} invites you to take part{context} in Pratica, the community of \
             practice on co-design and social innovation.\n\nThis address already has a \
             Pratica account: sign in here:\n\n{sign_in}\n"
        )
    },
    mail_invitation_body: |by, organisation, link| {
        let context = organisation
            .map(|org| format!(" for {org}"))
            .unwrap_or_default();
        format!(
            "Hello,\n\n{by} invites you to join Pratica{context}, the community of practice \
             on co-design and social innovation.\n\nTo create your account open this link \
             (it works once):\n\n{link}\n"
        )
    },
    invitations_title: "Invitations",
    invitations_intro: "Invite someone: they get a personal link, valid once, with the role and organisation you choose here.",
    invitations_new_heading: "New invitation",
    invitations_email: "Their e-mail address (optional)",
    invitations_email_hint: "If given, we mail the link and only that address can use it. Otherwise hand the link over yourself.",
    invitations_role: "Role",
    invitations_organisation: "Organisation",
    invitations_no_organisation: "None",
    invitations_as_referent: "As the organisation’s referent",
    invitations_days: "Valid for how many days (1 to 30)",
    invitations_submit: "Create the invitation",
    invitations_mailed: "Invitation created and mailed to the address given.",
    invitations_created: "Invitation created. Here is the link: it is shown only now, copy it if you hand it over yourself.",
    invitations_list_heading: "Recent invitations",
    invitations_none: "No invitations yet.",
    invitations_col_for: "For",
    invitations_col_status: "Status",
    invitations_col_by: "By",
    invitations_col_expires: "Expires",
    invitations_anyone: "whoever gets the link",
    invitations_revoke: "Revoke",
    invitation_status_label: |status| {
        use crate::features::accounts::types::InvitationStatus::*;
        match status {
            Pending => "Pending",
            Used => "Used",
            Expired => "Expired",
            Revoked => "Revoked",
        }
    },
    code_title: "Verification code",
    code_intro: "Your account uses two-step verification. Type the 6-digit code your authenticator app shows now, or one of your recovery codes.",
    code_label: "Code",
    code_submit: "Verify and sign in",
    code_expired: "The time to type the code ran out: sign in again with your password.",
    second_factor_title: "Two-step verification",
    second_factor_link: "Two-step verification",
    second_factor_required_banner: "Your role needs two-step verification: until you turn it on, staff features stay closed.",
    second_factor_required_action: "Turn it on now",
    second_factor_on: "Two-step verification is on.",
    second_factor_codes_left: |n| format!("Recovery codes still valid: {n}."),
    second_factor_enabled: "Two-step verification is on. Keep the recovery codes somewhere safe.",
    second_factor_disabled: "Two-step verification is off.",
    second_factor_codes_replaced: "New recovery codes are active: the previous ones no longer work.",
    second_factor_intro: "Besides your password, signing in will ask for a code that changes every 30 seconds, made by an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).",
    second_factor_step_scan: "1. Scan the QR code with the app, or type this key by hand:",
    second_factor_qr_alt: "QR code for the authenticator app",
    second_factor_step_codes: "2. Save these recovery codes (each works once) for when you do not have your phone. Reloading the page changes them.",
    second_factor_step_confirm: "3. Type the code the app shows now:",
    second_factor_confirm: "Turn on",
    second_factor_new_codes_heading: "New recovery codes",
    second_factor_new_codes_intro: "These codes replace the current ones once you confirm with a code from the app.",
    second_factor_new_codes_submit: "Use these codes",
    second_factor_disable_heading: "Turn off",
    second_factor_disable_submit: "Turn off two-step verification",
    second_factor_required_note: "For your role (staff or administration) two-step verification cannot be turned off.",
    error_password_again: "For your security, enter your password again to continue.",
    password_again_heading: "Confirm your password",
    password_again_intro: "To see the app key and the recovery codes, or to change them, enter your password again. It stays valid for five minutes in this session.",
    password_again_submit: "Confirm",
};
