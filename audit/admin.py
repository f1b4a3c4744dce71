from django.contrib import admin

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "content_type", "object_repr", "actor_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr"]

    # The trail is evidence: nobody edits or deletes it, not even platform admins.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
