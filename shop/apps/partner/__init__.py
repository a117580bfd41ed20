default_app_config = "shop.apps.partner.apps.PartnerConfig"
