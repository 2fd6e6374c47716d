import { absoluteUserPath } from '../../../server/src/engine/rules/absolute-user-path';
import { ruleTester } from '../ruleTester';

ruleTester.run(absoluteUserPath, {
  valid: [
    { cells: ['df = pd.read_csv("data/train.csv")'] },
    { cells: ['df = pd.read_csv("/kaggle/input/titanic/train.csv")'] },
    { cells: ['path = Path.home() / "data"'] },
    { cells: ['# was /Users/ana/data/train.csv'] },
    { cells: ['url = "https://example.com/home/ana/file"'] },
    { cells: ['p = "/Users/Shared/data.csv"'] },
    { name: 'service accounts are the same on every node', cells: ['!hadoop jar /home/hadoop/lib/emr-s3distcp-1.0.jar', 'p = "/home/jovyan/work/data.csv"'] },
    { name: 'a .py file is not checked', code: 'df = pd.read_csv("/Users/ana/train.csv")' },
  ],
  invalid: [
    {
      cells: ['import pandas as pd', 'df = pd.read_csv("/Users/ana/Desktop/train data.csv")'],
      errors: [{ cell: 2, line: 1, column: 19, endLine: 1, endColumn: 52, message: /^Absolute path into a user's home directory \(\/Users\/ana…\)/ }],
      output: null,
    },
    {
      name: 'Linux home in a magic, Windows raw string and escaped string',
      cells: ['%cd /home/bob/projects/churn', 'a = r"C:\\Users\\Bob\\data.csv"\nb = "C:\\\\Users\\\\Bob\\\\data.csv"\nc = "D:/Users/eve/x.csv"'],
      errors: [
        { cell: 1, line: 1, column: 5, endColumn: 29, message: /\(\/home\/bob…\)/ },
        { cell: 2, line: 1, column: 7, endColumn: 28, message: /\(C:\\Users\\Bob…\)/ },
        { cell: 2, line: 2, column: 6, endColumn: 30 },
        { cell: 2, line: 3, column: 6, endColumn: 24 },
      ],
    },
    {
      name: 'inside an f-string',
      cells: ['p = f"/home/ana/runs/{run_id}/model.pt"'],
      errors: [{ cell: 1, line: 1, column: 7, endColumn: 39 }],
    },
  ],
});
