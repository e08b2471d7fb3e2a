job "api" {
  datacenters = ["dc1"]
  group "web" {
    count = 2
    task "api" {
      driver = "docker"
      config {
        image = "ghcr.io/acme/api:1.4"
      }
      env {
        LOG_LEVEL = "info"
        PORT      = "${NOMAD_PORT_http}"
      }
      template {
        destination = "secrets/app.env"
        env         = true
        data        = <<EOT
{{ with secret "secret/data/api" }}API_TOKEN={{ .Data.data.token }}{{ end }}
EOT
      }
      template {
        source      = "templates/config.ctmpl"
        destination = "local/config.json"
      }
    }
    task "sidecar" {
      driver = "exec"
      template {
        env         = true
        destination = "local/x.env"
      }
    }
  }
}
