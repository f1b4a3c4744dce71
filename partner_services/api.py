from ninja import Router

router = Router(tags=["partner_services"])
