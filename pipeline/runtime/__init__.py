"""The runtime, around the per-document stages: settings (`config`), reading inputs (`io`,
`io_fs`, `inputs`: files, bytes to text, document ids), the model's name (`models`), batches and
workers (`run`, `engine`, `engine_ray`), the result cache (`store`), writing the tables into a
folder that is ours (`ownership`, `manifest`). The only modules with side effects."""
