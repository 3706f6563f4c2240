from app.refserver.main import main

raise SystemExit(main())
