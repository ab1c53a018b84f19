"""allauth's own messages that our sign-up and sign-in pages show. allauth ships no Vietnamese
catalogue, so these are listed here for `make messages` to keep them in ours (locale/vi), where
they are translated; Django finds a translation in LOCALE_PATHS before the package's."""

from django.utils.translation import gettext_noop, pgettext_noop

ALLAUTH_MESSAGES = [
    pgettext_noop("field label", "Login"),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("A user is already registered with this phone number."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Code"),
    gettext_noop("Current Password"),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Email or phone"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid login."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Phone"),
    gettext_noop("Please type your current password."),
    gettext_noop("Remember Me"),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("The phone number is not assigned to any user account."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Username"),
    gettext_noop("Username, email or phone"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The phone number and/or password you specified are not correct."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("You cannot remove your primary email address."),
]
