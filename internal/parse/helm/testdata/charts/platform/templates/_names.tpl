{{- define "platform.name" -}}
{{ .Release.Name }}-{{ .Values.app.name }}
{{- end -}}
{{- define "platform.commonEnv" -}}
- name: GLOBAL_REGION
  value: {{ .Values.global.region | quote }}
- name: RELEASE_NAMESPACE
  value: {{ .Release.Namespace }}
{{- end -}}
