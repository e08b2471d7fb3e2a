pid_file = "./pidfile"

auto_auth {
  method "kubernetes" {
    config = {
      role = "api"
    }
  }
}

template_config {
  exit_on_retry_failure = true
}

template {
  source      = "../templates/api.ctmpl"
  destination = "/vault/secrets/api.env"
}

template {
  destination = "/vault/secrets/inline.env"
  contents    = <<EOT
{{ with secret "secret/data/inline" }}
INLINE_TOKEN={{ .Data.data.token }}
{{ end }}
EOT
}

template {
  contents    = "A={{ with secret \"secret/data/a\" }}{{ .Data.data.a }}{{ end }}"
  destination = "a.env"
}
