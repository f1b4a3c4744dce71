from django.contrib import admin

from organizations.models import Invitation, Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "commune", "is_demo", "created_at"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["commune"]
    filter_horizontal = ["served_epcis"]
    exclude = ["served_communes"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        # What an organization's members see of people follows from its kind: it is
        # changed on the site's edit page, whose service rewrites who sees whom.
        return ["kind"] if obj is not None else []


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "organization__name"]
    raw_id_fields = ["organization", "invited_by"]
    exclude = ["token_digest"]
