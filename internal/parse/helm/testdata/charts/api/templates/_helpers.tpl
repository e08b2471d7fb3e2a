{{- define "api.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end -}}
{{- define "api.dbenv" -}}
- name: DATABASE_HOST
  value: {{ .Values.database.host | quote }}
{{- end -}}
