// Opens Tend's database as it is, reads the first page of to-dos by due date (the home screen's
// order, index [dueKey+id]) with one get per distinct owner and category, all in one readonly
// transaction, and shows them. Then registers the same service worker as blank.html (Tend too
// registers its worker only once its page has loaded).

const PAGE = 50;
const open = indexedDB.open('tend');
open.onsuccess = () => {
  const db = open.result;
  const tx = db.transaction(['todos', 'users', 'categories'], 'readonly');
  const named = (storeName, ids) => {
    const names = new Map();
    const store = tx.objectStore(storeName);
    for (const id of new Set(ids.filter((id) => typeof id === 'string'))) {
      store.get(id).onsuccess = (event) => names.set(id, event.target.result);
    }
    return names;
  };
  let todos = [];
  let users;
  let categories;
  // One more than a page, as Tend reads, to know whether there is a next page.
  tx.objectStore('todos').index('[dueKey+id]').getAll(null, PAGE + 1).onsuccess = (event) => {
    todos = event.target.result.slice(0, PAGE);
    users = named('users', todos.map((todo) => todo.userId));
    categories = named('categories', todos.map((todo) => todo.categoryId));
  };
  tx.oncomplete = () => {
    const list = document.createElement('ul');
    list.setAttribute('aria-label', 'To-dos');
    for (const todo of todos) {
      const item = document.createElement('li');
      item.textContent = `${todo.title} · ${users.get(todo.userId)?.username ?? ''} · ${categories.get(todo.categoryId)?.name ?? ''}`;
      list.append(item);
    }
    document.body.append(list);
    db.close();
    navigator.serviceWorker?.register('blank-sw.js');
  };
};
