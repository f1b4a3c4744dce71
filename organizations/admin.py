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


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "organization__name"]
    raw_id_fields = ["organization", "invited_by"]
    exclude = ["token_digest"]
