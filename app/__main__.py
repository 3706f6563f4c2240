import multiprocessing

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # frozen Windows builds spawn worker processes through this entry
    raise SystemExit(main())
