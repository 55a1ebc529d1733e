; Call sites, functions and environment reads (Python).

(call function: (_) @site.callee arguments: (argument_list) @site.args) @site

(function_definition name: (identifier) @fn.name) @fn

; os.environ["X"]
(subscript
  value: (_ object: (identifier) @_o attribute: (identifier) @_e)
  subscript: (string) @env.name
  (#eq? @_o "os") (#eq? @_e "environ")
  (#set! form "os.environ")) @env
; environ["X"] (from os import environ)
(subscript
  value: (identifier) @_e
  subscript: (string) @env.name
  (#eq? @_e "environ")
  (#set! form "os.environ")) @env
; os.environ[NAME] / environ[NAME]: the name is a constant (resolved by effects.rs) or computed
(subscript
  value: (_ object: (identifier) @_o attribute: (identifier) @_e)
  subscript: (identifier) @env.name
  (#eq? @_o "os") (#eq? @_e "environ")
  (#set! form "os.environ[ident]")) @env
(subscript
  value: (identifier) @_e
  subscript: (identifier) @env.name
  (#eq? @_e "environ")
  (#set! form "os.environ[ident]")) @env

; pydantic-settings: every annotated field of a `BaseSettings` class is read from the
; environment as PREFIX + FIELD (case-insensitive), or under its alias. effects.rs groups the
; fields, aliases and prefixes below by the class they are in.
(class_definition
  name: (identifier) @env.name
  superclasses: (argument_list) @_bases
  (#match? @_bases "BaseSettings")
  (#set! form "pydantic-settings-class")) @env
(class_definition
  superclasses: (argument_list) @_bases
  body: (_ (_ (assignment left: (identifier) @env.name type: (_))) @env)
  (#match? @_bases "BaseSettings")
  (#set! form "pydantic-settings"))
; field: T = Field(validation_alias="X") / Field(alias="X") / (v1) Field(env="X")
(class_definition
  superclasses: (argument_list) @_bases
  body: (_ (_ (assignment
    type: (_)
    right: (_ arguments: (argument_list (keyword_argument name: (identifier) @_a value: (string) @env.name))))) @env)
  (#match? @_bases "BaseSettings")
  (#any-of? @_a "validation_alias" "alias" "env")
  (#set! form "pydantic-settings-alias"))
; model_config = SettingsConfigDict(env_prefix="X_")
(class_definition
  superclasses: (argument_list) @_bases
  body: (_ (_ (assignment
    left: (identifier) @_k
    right: (_ arguments: (argument_list (keyword_argument name: (identifier) @_p value: (string) @env.name))))) @env)
  (#match? @_bases "BaseSettings")
  (#eq? @_k "model_config") (#eq? @_p "env_prefix")
  (#set! form "pydantic-settings-prefix"))
; model_config = {"env_prefix": "X_"}
(class_definition
  superclasses: (argument_list) @_bases
  body: (_ (_ (assignment
    left: (identifier) @_k
    right: (dictionary (pair key: (string) @_p value: (string) @env.name)))) @env)
  (#match? @_bases "BaseSettings")
  (#eq? @_k "model_config") (#match? @_p "env_prefix")
  (#set! form "pydantic-settings-prefix"))
; class Settings(BaseSettings, env_prefix="X_")
(class_definition
  superclasses: (_ (keyword_argument name: (identifier) @_p value: (string) @env.name)) @_bases
  (#match? @_bases "BaseSettings")
  (#eq? @_p "env_prefix")
  (#set! form "pydantic-settings-prefix")) @env
; pydantic v1: class Config: env_prefix = "X_"
(class_definition
  superclasses: (argument_list) @_bases
  body: (block (class_definition
    name: (identifier) @_c
    body: (_ (_ (assignment left: (identifier) @_k right: (string) @env.name)) @env)))
  (#match? @_bases "BaseSettings")
  (#eq? @_c "Config") (#eq? @_k "env_prefix")
  (#set! form "pydantic-settings-prefix"))

; os.environ["X"] = ...: a write, not a read (effects.rs drops the read matched at the same place)
(assignment
  left: (_
    value: (_ object: (identifier) @_o attribute: (identifier) @_e)
    subscript: (_) @env.name) @env
  (#eq? @_o "os") (#eq? @_e "environ")
  (#set! form "env-write"))
(assignment
  left: (_ value: (identifier) @_e subscript: (_) @env.name) @env
  (#eq? @_e "environ")
  (#set! form "env-write"))
