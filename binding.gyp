{
  "targets": [
    {
      "target_name": "dialplan_xsd",
      "sources": ["native/dialplan_xsd.c"],
      "include_dirs": [
        "<!(node -p \"require('path').join(require('path').dirname(require.resolve('libxmljs2/package.json')), 'vendor', 'libxml', 'include')\")"
      ],
      "cflags": ["-Wall", "-Wextra", "-Wno-unused-parameter"],
      "libraries": ["-ldl", "-lpthread"]
    }
  ]
}
